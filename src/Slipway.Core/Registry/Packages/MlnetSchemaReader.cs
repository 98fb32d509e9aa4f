using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Loads an ML.NET model <c>.zip</c> with <c>MLContext.Model.Load</c>, which validates it, and reads its input schema
/// and the columns its transformer adds as an MLflow column signature (vectors become tensor specs
/// <c>[-1, n]</c>). The archive is checked against the size and entry caps before ML.NET reads it.
/// </summary>
internal static class MlnetSchemaReader
{
    /// <summary>Annotation ML.NET trainers put on the columns they score (PredictedLabel, Score, Probability).</summary>
    private const string ScoreColumnSetId = "ScoreColumnSetId";

    public sealed record Schema(IReadOnlyList<SignatureField> Inputs, IReadOnlyList<SignatureField> Outputs, IReadOnlyList<string> Warnings)
    {
        public string Signature => MlflowSignature.Write(Inputs, Outputs);
    }

    public static Result<Schema> Read(string path, string displayName)
    {
        if (ArchiveError(path, displayName) is { } archiveError)
        {
            return archiveError;
        }

        try
        {
            var context = new MLContext(seed: 0);
            using var stream = File.OpenRead(path);
            var transformer = context.Model.Load(stream, out var inputSchema);
            try
            {
                var outputSchema = transformer.GetOutputSchema(inputSchema);
                var warnings = new List<string>();
                var inputs = Describe(inputSchema.Where(c => !c.IsHidden), "input", displayName, warnings);
                var inputNames = inputSchema.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                var added = outputSchema.Where(c => !c.IsHidden && !inputNames.Contains(c.Name)).ToList();
                var scored = added.Where(IsScoreColumn).ToList();
                var outputs = Describe(scored.Count > 0 ? scored : added, "output", displayName, warnings);
                return new Schema(inputs, outputs, warnings);
            }
            finally
            {
                (transformer as IDisposable)?.Dispose();
            }
        }
        // Loading untrusted bytes can fail with any exception type ML.NET's loaders throw; each is a refusal.
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return Error.Invalid($"'{displayName}' is not a loadable ML.NET model: {FirstLine(e.Message)}", "source");
        }
    }

    private static Error? ArchiveError(string path, string displayName)
    {
        var size = new FileInfo(path).Length;
        if (size > PackageInspectionLimits.MaxMlnetZipBytes)
        {
            return Error.Invalid(
                $"'{displayName}' is {size} bytes, over the {PackageInspectionLimits.MaxMlnetZipBytes}-byte limit for an ML.NET model; it was not loaded.", "source");
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            if (archive.Entries.Count > PackageInspectionLimits.MaxMlnetZipEntries)
            {
                return Error.Invalid(
                    $"'{displayName}' holds {archive.Entries.Count} entries, over the limit of {PackageInspectionLimits.MaxMlnetZipEntries} for an ML.NET model; it was not loaded.", "source");
            }

            var expanded = archive.Entries.Sum(e => e.Length);
            if (expanded > PackageInspectionLimits.MaxMlnetUncompressedBytes)
            {
                return Error.Invalid(
                    $"'{displayName}' expands to {expanded} bytes, over the {PackageInspectionLimits.MaxMlnetUncompressedBytes}-byte limit for an ML.NET model; it was not loaded.", "source");
            }

            return null;
        }
        catch (InvalidDataException e)
        {
            return Error.Invalid($"'{displayName}' is not a loadable ML.NET model: it is not a zip archive ({FirstLine(e.Message)})", "source");
        }
    }

    private static bool IsScoreColumn(DataViewSchema.Column column) =>
        column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId) is not null;

    private static List<SignatureField> Describe(IEnumerable<DataViewSchema.Column> columns, string role, string displayName, List<string> warnings)
    {
        var fields = new List<SignatureField>();
        foreach (var column in columns)
        {
            if (Field(column) is { } field)
            {
                fields.Add(field);
            }
            else
            {
                warnings.Add($"The {role} column '{column.Name}' of '{displayName}' has type {column.Type}, which has no MLflow type; it is left out of the signature.");
            }
        }

        return fields;
    }

    /// <summary>ML.NET column types in MLflow's terms (serving spec §1.5); a vector is a tensor <c>[-1, size]</c>.</summary>
    private static SignatureField? Field(DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType vector)
        {
            var dtype = TensorDtype(vector.ItemType);
            var shape = new List<long> { -1 };
            shape.AddRange(vector.Dimensions.IsDefaultOrEmpty ? [-1L] : vector.Dimensions.Select(d => d == 0 ? -1L : d));
            return dtype is null ? null : SignatureField.Tensor(column.Name, dtype, shape);
        }

        if (ColumnType(column.Type) is { } type)
        {
            return SignatureField.Column(column.Name, type);
        }

        return TensorDtype(column.Type) is { } scalarDtype ? SignatureField.Tensor(column.Name, scalarDtype, [-1]) : null;
    }

    private static string? ColumnType(DataViewType type) => type switch
    {
        BooleanDataViewType => "boolean",
        TextDataViewType => "string",
        NumberDataViewType n when n == NumberDataViewType.Single => "float",
        NumberDataViewType n when n == NumberDataViewType.Double => "double",
        NumberDataViewType n when n == NumberDataViewType.Int32 => "integer",
        NumberDataViewType n when n == NumberDataViewType.Int64 => "long",
        DateTimeDataViewType => "datetime",
        _ => null,
    };

    /// <summary>The numpy dtype of a vector item, or of a scalar that has no MLflow column type (keys, small ints).</summary>
    private static string? TensorDtype(DataViewType type) => type switch
    {
        BooleanDataViewType => "bool",
        TextDataViewType => "object",
        KeyDataViewType key => TensorDtype(ToNumber(key.RawType)),
        NumberDataViewType n => n.RawType switch
        {
            var t when t == typeof(float) => "float32",
            var t when t == typeof(double) => "float64",
            var t when t == typeof(sbyte) => "int8",
            var t when t == typeof(short) => "int16",
            var t when t == typeof(int) => "int32",
            var t when t == typeof(long) => "int64",
            var t when t == typeof(byte) => "uint8",
            var t when t == typeof(ushort) => "uint16",
            var t when t == typeof(uint) => "uint32",
            var t when t == typeof(ulong) => "uint64",
            _ => null,
        },
        _ => null,
    };

    private static DataViewType ToNumber(Type raw) =>
        raw == typeof(byte) ? NumberDataViewType.Byte
        : raw == typeof(ushort) ? NumberDataViewType.UInt16
        : raw == typeof(ulong) ? NumberDataViewType.UInt64
        : NumberDataViewType.UInt32;

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 500 ? line[..500] + "…" : line;
    }
}
