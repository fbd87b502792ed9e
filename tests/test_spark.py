"""Spark: the dataframe path through mapInPandas gives the pandas answer.

pyspark is heavy (a 450 MB package and a JVM), so it is not in the test extras: .ci/run
installs it, and this module is skipped on a machine without it.
"""

from __future__ import annotations

import pandas as pd
import pytest

pyspark_sql = pytest.importorskip("pyspark.sql")

from typing import TYPE_CHECKING, Any

from naltrexone_dose.dataframe import COLUMNS, classify_column

if TYPE_CHECKING:
    from collections.abc import Iterator

ROWS = ["4.5 mg", "350 mg/week", "4,5 mg", "3 mg BID", "Vivitrol 380 mg IM q4wk", "LDN 1.5mg nocte",
        None, "", "0.5-4.5 mg", "25 mg daily for 3 days then 50 mg daily"]  # fmt: skip
# docs/batch.md's Spark recipe, word for word.
RESULT_COLUMNS = (
    "band string, mg_per_day double, basis string, warnings string, assumptions string, "
    "crosses_boundary boolean, steps smallint, reason string, error string"
)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark's own note about pandas 3
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_the_spark_recipe_keeps_key_columns_and_gives_the_pandas_answer() -> None:
    spark = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("naltrexone-dose-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )

    # Defined here, not at module level, so that Spark's workers receive it by value.
    def classify_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            result = classify_column(batch, "dose_text")
            result["band"] = result["band"].astype("string")
            yield result

    def classify_spark(spark_frame: Any) -> Any:
        own = ", ".join(
            f"`{field.name}` {field.dataType.simpleString()}" for field in spark_frame.schema.fields
        )
        return spark_frame.mapInPandas(classify_batches, schema=f"{own}, {RESULT_COLUMNS}")

    table = pd.DataFrame(
        {"patient_id": range(100, 100 + len(ROWS)), "site": ["x", "y"] * (len(ROWS) // 2),
         "dose_text": ROWS}
    )  # fmt: skip
    try:
        frame = spark.createDataFrame(table).repartition(3)  # batches in another order
        spark_rows = classify_spark(frame).toPandas()
    finally:
        spark.stop()
    assert list(spark_rows.columns) == ["patient_id", "site", "dose_text", *COLUMNS]
    spark_rows = spark_rows.sort_values("patient_id").reset_index(drop=True)
    assert spark_rows["patient_id"].tolist() == table["patient_id"].tolist()
    assert spark_rows["site"].tolist() == table["site"].tolist()
    expected = classify_column(table, "dose_text")
    assert (
        spark_rows["band"].fillna("-").tolist()
        == expected["band"].astype(object).fillna("-").tolist()
    )
    assert (
        spark_rows["mg_per_day"].fillna(-1).tolist() == expected["mg_per_day"].fillna(-1).tolist()
    )
    for column in ("crosses_boundary", "steps"):
        assert spark_rows[column].tolist() == expected[column].tolist()
    for column in ("basis", "warnings", "assumptions", "reason", "error"):
        assert spark_rows[column].fillna("").tolist() == expected[column].fillna("").tolist()
