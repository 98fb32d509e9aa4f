using System.Security.Cryptography;
using System.Text;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Serving.Hosting;

/// <summary>The identities of what was loaded, for responses and the prediction log (<c>sha256:…</c>).</summary>
internal static class VersionDigests
{
    /// <summary>sha256 over the version's file list (path and digest of each), the identity of what was loaded.</summary>
    public static string Artifact(StoredVersion stored)
    {
        var text = new StringBuilder();
        foreach (var file in stored.Files)
        {
            text.Append(file.Path).Append(':').Append(file.Sha256).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string Signature(string? signature) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature ?? "")));
}
