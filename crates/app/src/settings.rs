//! The clinic settings and its surgeons.

use crate::{App, AppError, Settings};

impl App {
    /// The clinic settings.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn settings(&self) -> Result<Settings, AppError> {
        Ok(self.store.settings()?)
    }

    /// Sets one setting.
    ///
    /// # Errors
    /// An unknown key or a value that is not allowed.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<Settings, AppError> {
        Ok(self.store.set_setting(key, value)?)
    }

    /// Adds a surgeon (or updates one with the same name), optionally as the default.
    ///
    /// # Errors
    /// An empty or too-long name, or a bad phone.
    pub fn add_surgeon(
        &mut self,
        name: &str,
        phone: &str,
        make_default: bool,
    ) -> Result<Settings, AppError> {
        Ok(self.store.add_surgeon(
            name,
            Some(phone).filter(|p| !p.trim().is_empty()),
            make_default,
        )?)
    }

    /// Removes a surgeon.
    ///
    /// # Errors
    /// No surgeon with that name.
    pub fn remove_surgeon(&mut self, name: &str) -> Result<Settings, AppError> {
        Ok(self.store.remove_surgeon(name)?)
    }
}
