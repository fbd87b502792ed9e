"""naltrexone-dose: read a naltrexone dose as people and systems write it, and place it in
the dose bands of Box 1 (standard, low, very low, ultra low, or between or above them), with
what each band does and is used for, and the evidence behind each statement.

It reports what a review says; it is not dosing advice.

Examples:
    >>> from naltrexone_dose import classify_dose
    >>> classify_dose("4.5 mg").band
    <Band.LOW: 'low'>
"""

# The presentation modules register the models' display hooks when imported.
from . import _fhir_dosage  # noqa: F401 (registers the Dosage view of results)
from ._arrays import INVALID_CODE, classify_amounts
from ._bands import (
    BandRange,
    BandTable,
    Definition,
    Reference,
    band_table,
    default_band_table,
    shipped_band_tables,
)
from ._batch import DoseFailure, DoseMissing, classify_many
from ._classify import classify_dose, parse_dose
from ._definitions import (
    DefinitionCounts,
    DefinitionRow,
    across_definitions,
    counts_across_definitions,
)
from ._errors import (
    BandTableError,
    DailyDoseUnknownError,
    DoseAmountError,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
)
from ._html import ResultTable
from ._models import (
    Band,
    Box1Row,
    DailyDoseBasis,
    Dose,
    DoseClassification,
    DoseRange,
    DoseWarning,
    EvidenceKind,
    FhirDosage,
    FhirQuantity,
    Frequency,
    ReadPart,
    Regimen,
    Statement,
    StatementFlag,
    StatementOrigin,
    StepClassification,
    WarningCode,
)
from ._records import (
    RECORD_SCHEMA_VERSION,
    ErrorRecord,
    MissingRecord,
    RangeRecord,
    ResultRecord,
    RowReason,
    StatementIds,
    StepRecord,
    read_record,
    record_schema,
    to_record,
)
from ._version import __version__

__all__ = [
    "INVALID_CODE",
    "RECORD_SCHEMA_VERSION",
    "Band",
    "BandRange",
    "BandTable",
    "BandTableError",
    "Box1Row",
    "DailyDoseBasis",
    "DailyDoseUnknownError",
    "Definition",
    "DefinitionCounts",
    "DefinitionRow",
    "Dose",
    "DoseAmountError",
    "DoseClassification",
    "DoseError",
    "DoseFailure",
    "DoseMissing",
    "DoseRange",
    "DoseSyntaxError",
    "DoseTypeError",
    "DoseUnitError",
    "DoseWarning",
    "ErrorReason",
    "ErrorRecord",
    "EvidenceKind",
    "FhirDosage",
    "FhirQuantity",
    "Frequency",
    "MissingRecord",
    "RangeRecord",
    "ReadPart",
    "Reference",
    "Regimen",
    "ResultRecord",
    "ResultTable",
    "RowReason",
    "Statement",
    "StatementFlag",
    "StatementIds",
    "StatementOrigin",
    "StepClassification",
    "StepRecord",
    "WarningCode",
    "__version__",
    "across_definitions",
    "band_table",
    "classify_amounts",
    "classify_dose",
    "classify_many",
    "counts_across_definitions",
    "default_band_table",
    "parse_dose",
    "read_record",
    "record_schema",
    "shipped_band_tables",
    "to_record",
]


def __dir__() -> list[str]:
    return __all__


# Public names report the public module, so that reprs, pickles and documentation do not
# depend on the private module a name happens to live in.
for _name in __all__:
    _value = globals()[_name]
    if getattr(_value, "__module__", "").startswith(__name__ + "._"):
        _value.__module__ = __name__
del _name, _value
