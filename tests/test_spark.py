"""Spark: the dataframe path through mapInPandas gives the pandas answer.

pyspark is heavy (a 450 MB package and a JVM), so it is not in the test extras: .ci/run
installs it, and this module is skipped on a machine without it.
"""

from __future__ import annotations

import pandas as pd
import pytest

pyspark_sql = pytest.importorskip("pyspark.sql")

from typing import TYPE_CHECKING

from naltrexone_dose.dataframe import classify_series

if TYPE_CHECKING:
    from collections.abc import Iterator

ROWS = ["4.5 mg", "350 mg/week", "4,5 mg", "3 mg BID", "Vivitrol 380 mg IM q4wk", "LDN 1.5mg nocte"]


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark's own note about pandas 3
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_spark_map_in_pandas_gives_the_pandas_answer() -> None:
    spark = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("naltrexone-dose-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )

    # Defined here, not at module level, so that Spark's workers receive it by value.
    def classify_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            result = classify_series(batch["dose_text"])
            result["band"] = result["band"].astype("string")
            yield result.reset_index(drop=True)

    try:
        frame = spark.createDataFrame(pd.DataFrame({"dose_text": ROWS}))
        schema = "band string, mg_per_day double, basis string, warnings string, error string"
        spark_rows = frame.mapInPandas(classify_batches, schema=schema).toPandas()
    finally:
        spark.stop()
    expected = classify_series(pd.Series(ROWS))
    assert (
        spark_rows["band"].fillna("-").tolist()
        == expected["band"].astype(object).fillna("-").tolist()
    )
    assert (
        spark_rows["mg_per_day"].fillna(-1).tolist() == expected["mg_per_day"].fillna(-1).tolist()
    )
    for column in ("basis", "warnings", "error"):
        assert spark_rows[column].fillna("").tolist() == expected[column].fillna("").tolist()
