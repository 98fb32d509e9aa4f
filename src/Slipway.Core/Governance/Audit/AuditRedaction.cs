using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// The PII rule of the audit trail (governance.md §8.4, §6.5): tag, param and input-tag VALUES are never recorded,
/// only their keys, since any of them can hold personal data; a value that must stay correlatable across events
/// (a run's <c>user_id</c>, often an e-mail address) is recorded as <see cref="Hmac"/>, a keyed hash under a
/// per-install key, so equal values match without the value being readable. The key is a file beside the audit
/// signing key (default <c>&lt;DataDir&gt;/audit-hmac.key</c>, 0600, created on first use); replicas share it.
/// </summary>
public sealed class AuditRedaction(IOptions<AuditOptions> options, IOptions<SlipwayOptions> slipway)
{
    public const string Prefix = "hmac-sha256:";

    private readonly Lazy<byte[]> key = new(() => Load(PathOf(options.Value, slipway.Value)));

    public static string PathOf(AuditOptions options, SlipwayOptions slipway) =>
        Path.Combine(Path.GetDirectoryName(AuditSigningKey.PathOf(options, slipway))!, "audit-hmac.key");

    /// <summary><c>hmac-sha256:</c> and the first 16 bytes (hex) of HMAC-SHA256(key, UTF-8 value); null stays null.</summary>
    public string? Hmac(string? value) =>
        value is null ? null : Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(value))[..16]);

    /// <summary>The keys of key/value pairs, in order, without their values.</summary>
    public static JsonArray Keys(IEnumerable<string> keys) => new([.. keys.Distinct(StringComparer.Ordinal).Select(k => (JsonNode?)JsonValue.Create(k))]);

    private static byte[] Load(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, Encoding.ASCII, fileOptions))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        try
        {
            // Another replica may have created it meanwhile: theirs wins, so that every replica hashes alike.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
