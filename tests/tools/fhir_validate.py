"""Parses a FHIR R4 Bundle with fhir.resources (pydantic models of FHIR 4.0.1): types,
formats, required elements and unknown elements, in every resource of the Bundle. Prints
"valid" and the resource types, or the errors and exits 1. Usage: fhir_validate.py FILE."""
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__
try:
    bundle = Bundle.parse_file(sys.argv[1])
except Exception as e:  # pydantic's ValidationError lists every problem
    print(f"invalid: {e}")
    sys.exit(1)
print("valid:", " ".join(e.resource.resource_type for e in bundle.entry or []))
