namespace Slipway.Core.Registry.Packages;

/// <summary>Whether a version was built in-house (registered from a run, logged model or upload) or imported from a third party.</summary>
public static class ModelOrigins
{
    public const string InHouse = "in_house";
    public const string ThirdParty = "third_party";
}
