using System.Security.Cryptography;

namespace Slipway.Core.Tracking;

public static class RunIds
{
    /// <summary>32 lower-case hex characters, like Python's <c>uuid4().hex</c>.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N");

    public static string NewLoggedModelId() => "m-" + Guid.NewGuid().ToString("N");

    private static readonly string[] Adjectives =
    [
        "able", "bold", "brave", "bright", "calm", "clever", "crisp", "eager", "fair", "gentle", "glad", "grand", "keen",
        "kind", "lively", "lucky", "merry", "nimble", "proud", "quick", "quiet", "rare", "sharp", "shy", "smooth", "swift",
        "tidy", "vivid", "warm", "wise",
    ];

    private static readonly string[] Nouns =
    [
        "ant", "bass", "bat", "bear", "cat", "crab", "crow", "deer", "dove", "eel", "elk", "fox", "frog", "gull", "hare",
        "hawk", "ibis", "jay", "koi", "lark", "lynx", "mole", "moth", "newt", "owl", "puma", "ram", "seal", "slug", "wren",
    ];

    /// <summary>A readable run name such as <c>brave-owl-12</c>, as MLflow generates when none is given.</summary>
    public static string NewRunName() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}-{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(1000)}";
}
