namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>The history entity of retention policy changes (model-level events, <c>SET</c> and <c>DELETED</c>).</summary>
public static class RetentionEvents
{
    public const string Entity = "RETENTION_POLICY";
}
