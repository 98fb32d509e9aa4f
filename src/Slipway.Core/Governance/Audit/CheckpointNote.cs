using System.Globalization;
using System.Text;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// A checkpoint as a C2SP signed note: the body <c>origin\nsize\nbase64(root)\n</c>, a blank line, and one signature
/// line <c>— origin base64(key id ‖ DER ECDSA signature)</c>.
/// </summary>
public sealed record CheckpointNote(string Origin, long Size, string Root, string Signature)
{
    private const string Dash = "\u2014 ";

    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Root}\n";

    public string Text => $"{Body}\n{Dash}{Origin} {Signature}\n";

    public static CheckpointNote Sign(AuditSigningKey key, long size, byte[] root)
    {
        var unsigned = new CheckpointNote(key.Origin, size, Convert.ToBase64String(root), string.Empty);
        var signature = key.Sign(Encoding.UTF8.GetBytes(unsigned.Body));
        return unsigned with { Signature = Convert.ToBase64String([.. key.KeyId, .. signature]) };
    }

    /// <summary>Reads a note; null when it is not one.</summary>
    public static CheckpointNote? Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 5 || lines[3].Length != 0 || !lines[4].StartsWith(Dash, StringComparison.Ordinal)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var signatureLine = lines[4][Dash.Length..];
        var space = signatureLine.LastIndexOf(' ');
        return space < 0 ? null : new CheckpointNote(lines[0], size, lines[2], signatureLine[(space + 1)..]);
    }

    /// <summary>True when the signature is by <paramref name="key"/> over this body.</summary>
    public bool IsSignedBy(AuditSigningKey key)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return bytes.Length > 4 && bytes.AsSpan(0, 4).SequenceEqual(key.KeyId) && key.Verify(Encoding.UTF8.GetBytes(Body), bytes[4..]);
    }
}
