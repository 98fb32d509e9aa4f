using System.Security.Cryptography;
using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>Checks audit inclusion proofs on the client, so that trusting a signed checkpoint is enough to trust one event.</summary>
public static class AuditProof
{
    /// <summary>
    /// True when <paramref name="eventHash"/> (base64, the event's <c>hash</c>) is leaf <see cref="AuditProofResponse.LeafIndex"/>
    /// of the tree of <see cref="AuditProofResponse.TreeSize"/> events whose Merkle root is <paramref name="root"/>
    /// (base64, e.g. the root line of a signed checkpoint note), along <see cref="AuditProofResponse.AuditPath"/>
    /// (RFC 9162 §2.1.3.2). Malformed base64 is false, not an exception.
    /// </summary>
    public static bool VerifyInclusion(AuditProofResponse proof, string eventHash, string root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        try
        {
            var path = proof.AuditPath.Select(Convert.FromBase64String).ToList();
            return VerifyInclusion(SHA256.HashData([0x00, .. Convert.FromBase64String(eventHash)]), proof.LeafIndex, proof.TreeSize, path, Convert.FromBase64String(root));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>RFC 9162 §2.1.3.2 over raw hashes: the leaf hash at <paramref name="index"/> leads along <paramref name="path"/> to <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        if (index < 0 || index >= size)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = SHA256.HashData([0x01, .. p, .. r]);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = SHA256.HashData([0x01, .. r, .. p]);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }
}
