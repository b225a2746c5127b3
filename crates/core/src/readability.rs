//! Reading level of patient-facing text: Flesch-Kincaid grade and SMOG grade.
//!
//! Flesch-Kincaid rewards short sentences, so text made of short list items can score low
//! even when its words are hard; SMOG counts words of three or more syllables, so the two
//! together keep each other honest.
//!
//! Syllables are counted with the usual vowel-group heuristic, which is what readability
//! tools use; it is within about one syllable per long word, which is plenty for a grade
//! target of 6 with a ceiling of 8.

/// Counts for a body of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Syllables.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

impl Counts {
    /// Adds the counts of `text`. Each call counts at least one sentence, so a line with no
    /// full stop (a heading or a list item) is one sentence, as a reader takes it.
    pub fn add(&mut self, text: &str) {
        self.add_with(text, syllables);
    }

    /// As [`Counts::add`], for Spanish text: syllables counted by Spanish rules.
    pub fn add_es(&mut self, text: &str) {
        self.add_with(text, syllables_es);
    }

    fn add_with(&mut self, text: &str, syllables: fn(&str) -> usize) {
        let mut sentences = 0;
        let mut in_sentence = false;
        for word in text.split_whitespace() {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                // Numbers count as words of one syllable ("10", "911").
                if word.chars().any(|c| c.is_ascii_digit()) {
                    self.words += 1;
                    self.syllables += 1;
                    in_sentence = true;
                }
            } else {
                let n = syllables(&letters);
                self.words += 1;
                self.syllables += n;
                self.polysyllables += usize::from(n >= 3);
                in_sentence = true;
            }
            if in_sentence && word.ends_with(['.', '!', '?', ':', ';']) {
                sentences += 1;
                in_sentence = false;
            }
        }
        if in_sentence || sentences == 0 {
            sentences += 1;
        }
        self.sentences += sentences;
    }

    /// Flesch-Kincaid grade level.
    #[must_use]
    pub fn grade(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        0.39 * (words / self.sentences as f64) + 11.8 * (self.syllables as f64 / words) - 15.59
    }

    /// SMOG grade (McLaughlin 1969), scaled to 30 sentences as the formula intends.
    #[must_use]
    pub fn smog(&self) -> f64 {
        if self.sentences == 0 {
            return 0.0;
        }
        1.043 * (self.polysyllables as f64 * 30.0 / self.sentences as f64).sqrt() + 3.1291
    }
}

impl Counts {
    /// Fernández-Huerta readability of Spanish text (1959; as corrected by Law 2011:
    /// 206.84 - 60 x syllables per word - 1.02 x words per sentence). 70-80 is "fairly easy"
    /// (6th grade), 80-90 easy, 60-70 normal.
    #[must_use]
    pub fn fernandez_huerta(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        206.84 - 60.0 * (self.syllables as f64 / words) - 1.02 * (words / self.sentences as f64)
    }

    /// INFLESZ (Barrio-Cantalejo 2008): Szigriszt-Pazos perspicuity, 206.835 - 62.3 x
    /// syllables per word - words per sentence, read on its own scale: 65-80 "fairly easy",
    /// 55-65 normal, 80 and above very easy.
    #[must_use]
    pub fn inflesz(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        206.835 - 62.3 * (self.syllables as f64 / words) - words / self.sentences as f64
    }
}

/// Spanish syllables: one per group of vowels, split where two strong vowels (a, e, o)
/// meet or a weak one carries the accent (hiatus: "dí-a", "le-er"); "y" is a vowel at the
/// end of a word or alone ("hoy", "y"). Every word has at least one.
#[must_use]
pub fn syllables_es(word: &str) -> usize {
    let chars: Vec<char> = word.to_lowercase().chars().collect();
    let strong = |c: char| matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó');
    let accented_weak = |c: char| matches!(c, 'í' | 'ú');
    let vowel = |i: usize| {
        let c = chars[i];
        strong(c)
            || accented_weak(c)
            || matches!(c, 'i' | 'u' | 'ü')
            || (c == 'y' && (i + 1 == chars.len()))
    };
    let mut count = 0;
    let mut prev: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        if !vowel(i) {
            prev = None;
            continue;
        }
        match prev {
            None => count += 1,
            Some(p) if (strong(p) && strong(c)) || accented_weak(p) || accented_weak(c) => {
                count += 1;
            }
            Some(_) => {}
        }
        prev = Some(c);
    }
    count.max(1)
}

/// Flesch-Kincaid grade of a set of texts read together.
#[must_use]
pub fn grade<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let mut c = Counts::default();
    for t in texts {
        c.add(t);
    }
    c.grade()
}

/// Syllables in one word (letters only), by vowel groups with the silent-e rules.
#[must_use]
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    if w.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut prev = false;
    for &c in &w {
        let v = is_vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let n = w.len();
    // A final "e" is silent ("hole"), but not in "-le" after a consonant ("able").
    if w[n - 1] == 'e' && !(w[n - 2] == 'l' && n > 2 && !is_vowel(w[n - 3])) {
        count -= usize::from(count > 1);
    }
    // A silent "e" before the suffixes "-ly", "-ness", "-ful" and "-ment" ("likely",
    // "soreness", "careful", "movement"): the vowel-group count sees one syllable too many.
    for suffix in ["ly", "ness", "ful", "ment"] {
        let s: Vec<char> = suffix.chars().collect();
        let k = s.len();
        if n > k + 2 && w[n - k..] == s[..] && w[n - k - 1] == 'e' && !is_vowel(w[n - k - 2]) {
            count -= usize::from(count > 1);
        }
    }
    // "-ed" and "-es" are silent after most consonants ("walked", "takes").
    if n > 3 && w[n - 1] == 'd' && w[n - 2] == 'e' && !matches!(w[n - 3], 't' | 'd') {
        count -= usize::from(count > 1);
    }
    if n > 3
        && w[n - 1] == 's'
        && w[n - 2] == 'e'
        && !matches!(w[n - 3], 's' | 'x' | 'z' | 'c' | 'g')
        && !(w[n - 3] == 'h' && matches!(w[n - 4], 's' | 'c'))
    {
        count -= usize::from(count > 1);
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_syllables_follow_diphthongs_and_hiatus() {
        for (w, n) in [
            ("casa", 2),
            ("herida", 3),
            ("cirujano", 4),
            ("día", 2),
            ("leer", 2),
            ("cuidado", 3),
            ("ciudad", 2),
            ("que", 1),
            ("hoy", 1),
            ("y", 1),
            ("terapia", 3),
            ("después", 2),
            ("país", 2),
            ("emergencias", 4),
        ] {
            assert_eq!(syllables_es(w), n, "{w}");
        }
    }

    #[test]
    fn spanish_ease_falls_with_long_words_and_sentences() {
        let mut short = Counts::default();
        short.add_es("Camine un poco. Beba agua. Llame si tiene fiebre.");
        let mut long = Counts::default();
        long.add_es(
            "Evite las actividades extenuantes hasta que su cirujano considere apropiada la reincorporación progresiva a sus obligaciones laborales habituales.",
        );
        assert!(
            short.fernandez_huerta() > 80.0,
            "{}",
            short.fernandez_huerta()
        );
        assert!(
            long.fernandez_huerta() < 50.0,
            "{}",
            long.fernandez_huerta()
        );
        assert!(short.inflesz() > long.inflesz() + 30.0);
    }

    #[test]
    fn syllables_of_common_words() {
        let cases = [
            ("walk", 1),
            ("walking", 2),
            ("walked", 1),
            ("lifted", 2),
            ("take", 1),
            ("takes", 1),
            ("able", 2),
            ("gallon", 2),
            ("doctor", 2),
            ("medicine", 3),
            ("incision", 3),
            ("surgery", 3),
            ("every", 3),
            ("bladder", 2),
            ("the", 1),
            ("houses", 2),
            ("bruises", 2),
            ("likely", 2),
            ("safely", 2),
            ("soreness", 2),
            ("careful", 2),
            ("movement", 2),
            ("sadly", 2),
            ("every", 3),
        ];
        for (w, n) in cases {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn grade_rises_with_long_words_and_sentences() {
        let easy = grade(["Walk a short way. Then rest. Do it five times a day."]);
        let hard = grade([
            "Ambulation should be progressively incorporated into the postoperative regimen, notwithstanding intermittent discomfort attributable to incisional inflammation.",
        ]);
        assert!(easy < 3.0, "easy text graded {easy}");
        assert!(hard > 14.0, "hard text graded {hard}");
    }

    #[test]
    fn smog_counts_long_words() {
        let mut plain = Counts::default();
        plain.add("Walk a short way. Then rest. Do it five times a day.");
        let mut hard = Counts::default();
        hard.add(
            "Ambulation is recommended. Medication is necessary. Hospitalization is possible.",
        );
        assert_eq!(plain.polysyllables, 0);
        assert!((plain.smog() - 3.1291).abs() < 1e-9);
        assert_eq!(hard.polysyllables, 6);
        // 1.043 * sqrt(6 * 30 / 3) + 3.1291
        assert!(
            (hard.smog() - 11.208).abs() < 0.001,
            "hard text graded {}",
            hard.smog()
        );
    }

    #[test]
    fn a_line_without_a_full_stop_is_one_sentence() {
        let mut c = Counts::default();
        c.add("Fever over 101 F");
        c.add("Call now. Do not wait!");
        assert_eq!(c.sentences, 3);
        assert_eq!(c.words, 9);
    }
}
