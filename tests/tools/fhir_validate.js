// Validates a FHIR R4 resource (a Bundle and every resource in it) with FHIR.js, against
// the R4 structure definitions and required value sets it ships. Prints every message;
// exits 1 when any is an error. Usage: node fhir_validate.js FILE.json
// FHIR.js is a devDependency of the UI (ui/package.json), installed with it: a second
// package.json in the repository would make the Tauri CLI take this folder for the UI's.
'use strict';
const fs = require('fs');
const path = require('path');
const { Fhir } = require(path.join(__dirname, '../../ui/node_modules/fhir'));

const resource = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const result = new Fhir().validate(resource, { errorOnUnexpected: true });
for (const m of result.messages) {
  console.log(`${m.severity}: ${m.location}: ${m.message}`);
}
const errors = result.messages.filter((m) => m.severity === 'error').length;
console.log(result.valid && errors === 0 ? 'valid' : `invalid: ${errors} errors`);
process.exit(result.valid && errors === 0 ? 0 : 1);
