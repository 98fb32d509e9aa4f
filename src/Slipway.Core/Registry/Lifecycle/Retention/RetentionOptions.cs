namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>The retention schedule, under <c>Registry</c> (<c>Registry:RetentionInterval</c>, <c>SLIPWAY_Registry__RetentionInterval</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Registry";

    /// <summary>How often enabled retention policies run (each at most once per interval, whatever the number of replicas). Default: one hour.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
