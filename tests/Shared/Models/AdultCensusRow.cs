using Microsoft.ML.Data;

namespace Slipway.Tests.Models;

/// <summary>
/// The inputs of the adult-census test model, a few numeric and categorical columns of <c>adult-census.csv</c> under
/// the names the models use. The types are mixed on purpose (long, float, double, text) so that signatures show each
/// mapping.
/// </summary>
public class AdultCensusRow
{
    /// <summary>The input columns in schema order, with their MLflow column types.</summary>
    public static readonly IReadOnlyList<(string Name, string MlflowType)> Columns =
    [
        ("age", "long"),
        ("education_num", "float"),
        ("hours_per_week", "float"),
        ("capital_gain", "double"),
        ("workclass", "string"),
        ("marital_status", "string"),
        ("sex", "string"),
    ];

    [ColumnName("age")]
    public long Age { get; set; }

    [ColumnName("education_num")]
    public float EducationNum { get; set; }

    [ColumnName("hours_per_week")]
    public float HoursPerWeek { get; set; }

    [ColumnName("capital_gain")]
    public double CapitalGain { get; set; }

    [ColumnName("workclass")]
    public string Workclass { get; set; } = "";

    [ColumnName("marital_status")]
    public string MaritalStatus { get; set; } = "";

    [ColumnName("sex")]
    public string Sex { get; set; } = "";
}

/// <summary>A training row: the inputs and whether the income is over 50K (the <c>class</c> column).</summary>
public sealed class AdultCensusExample : AdultCensusRow
{
    public bool Label { get; set; }

    /// <summary>Every <paramref name="every"/>-th row of the CSV (header skipped), so training stays a few seconds.</summary>
    public static IReadOnlyList<AdultCensusExample> Read(string csvPath, int every)
    {
        var lines = File.ReadLines(csvPath).ToList();
        var header = lines[0].Split(',');
        int Index(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"adult-census.csv has no '{name}' column.");
        int age = Index("age"), education = Index("education-num"), hours = Index("hours-per-week"), gain = Index("capital-gain"),
            workclass = Index("workclass"), marital = Index("marital-status"), sex = Index("sex"), label = Index("class");
        var rows = new List<AdultCensusExample>();
        for (var i = 1; i < lines.Count; i += every)
        {
            var f = lines[i].Split(',').Select(v => v.Trim()).ToArray();
            if (f.Length != header.Length)
            {
                continue;
            }

            rows.Add(new AdultCensusExample
            {
                Age = long.Parse(f[age], System.Globalization.CultureInfo.InvariantCulture),
                EducationNum = float.Parse(f[education], System.Globalization.CultureInfo.InvariantCulture),
                HoursPerWeek = float.Parse(f[hours], System.Globalization.CultureInfo.InvariantCulture),
                CapitalGain = double.Parse(f[gain], System.Globalization.CultureInfo.InvariantCulture),
                Workclass = f[workclass],
                MaritalStatus = f[marital],
                Sex = f[sex],
                Label = f[label].StartsWith(">50K", StringComparison.Ordinal),
            });
        }

        return rows;
    }
}
