namespace Slipway.Core.Registry;

/// <summary>MLflow's legacy version stages; accepted in any case, written in this form.</summary>
public static class Stages
{
    public const string None = "None";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Archived = "Archived";

    public static readonly IReadOnlyList<string> All = [None, Staging, Production, Archived];

    public static string? Canonical(string? stage) =>
        stage is null ? null : All.FirstOrDefault(s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase));
}
