using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints, read from a PEM file outside the database (<see cref="AuditOptions.SigningKeyPath"/>).
/// Created on first use if missing, owner-only (0600), so that the first start of a small install needs no setup;
/// replicas must share the file (a mounted secret), or each would sign with a key the others cannot check.
/// </summary>
public sealed class AuditSigningKey(IOptions<AuditOptions> options, IOptions<SlipwayOptions> slipway) : IDisposable
{
    private readonly Lazy<ECDsa> key = new(() => Load(PathOf(options.Value, slipway.Value)));

    public static string PathOf(AuditOptions options, SlipwayOptions slipway) =>
        Path.GetFullPath(options.SigningKeyPath ?? Path.Combine(slipway.DataDirFullPath, "audit-signing-key.pem"));

    /// <summary>The first four bytes of SHA-256 over the public key (SubjectPublicKeyInfo): names the key in signatures.</summary>
    public byte[] KeyId => SHA256.HashData(key.Value.ExportSubjectPublicKeyInfo())[..4];

    public string InstallId => options.Value.InstallId ?? Convert.ToHexStringLower(SHA256.HashData(key.Value.ExportSubjectPublicKeyInfo())[..8]);

    public string Origin => $"slipway/{InstallId}/audit";

    public byte[] Sign(byte[] data) => key.Value.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public bool Verify(byte[] data, byte[] signature)
    {
        try
        {
            return key.Value.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Dispose();
        }
    }

    private static ECDsa Load(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(path));
        return ecdsa;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            // Another replica may have created it meanwhile: theirs wins, so that every replica signs with one key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
