using Slipway.Core.Registry.Packages;
using Slipway.Core.Serving.Runtime;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

/// <summary>Builds <see cref="ModelPackage"/>s the way the registry records them: the directory inspected, its findings kept.</summary>
internal static class RuntimePackages
{
    public static async Task<ModelPackage> InspectAsync(string directory, string? signatureJson = null)
    {
        var inspected = await new ModelPackageInspector().InspectAsync(directory, CancellationToken.None);
        Assert.True(inspected.IsSuccess, inspected.IsSuccess ? "" : inspected.Error.Message);
        var info = inspected.Value;
        return new ModelPackage(directory, "adult-census", 1, info.Format, info.Flavor, info.FlavorsJson, signatureJson ?? info.SignatureJson, info.InputExamplePath);
    }

    /// <summary>
    /// Rows of adult-census as one batch, each column shaped as the schema declares it (<c>[rows]</c> or <c>[rows, 1]</c>).
    /// </summary>
    public static InferenceBatch Batch(ModelSchema schema, IReadOnlyList<AdultCensusRow> rows)
    {
        Tensor Column<T>(string name, Func<AdultCensusRow, T> value)
        {
            var field = schema.Input(name) ?? throw new InvalidOperationException($"The schema has no input '{name}'.");
            var shape = field.Shape.Count == 2 ? new long[] { rows.Count, 1 } : [rows.Count];
            return new Tensor(name, field.Type, shape, rows.Select(value).ToArray());
        }

        return new InferenceBatch(rows.Count,
        [
            Column("age", r => r.Age),
            Column("education_num", r => r.EducationNum),
            Column("hours_per_week", r => r.HoursPerWeek),
            Column("capital_gain", r => r.CapitalGain),
            Column("workclass", r => r.Workclass),
            Column("marital_status", r => r.MaritalStatus),
            Column("sex", r => r.Sex),
        ]);
    }

    /// <summary>The first <paramref name="count"/> rows of adult-census.csv.</summary>
    public static IReadOnlyList<AdultCensusRow> Rows(int count) =>
        AdultCensusExample.Read(TestData.File("adult-census.csv"), every: 1).Take(count).ToList();

    public static Tensor Output(IReadOnlyList<Tensor> outputs, string name) =>
        outputs.SingleOrDefault(o => o.Name == name) ?? throw new InvalidOperationException($"No output '{name}' among {string.Join(", ", outputs.Select(o => o.Name))}.");
}
