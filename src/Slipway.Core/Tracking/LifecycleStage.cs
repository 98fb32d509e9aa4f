namespace Slipway.Core.Tracking;

public static class LifecycleStage
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}
