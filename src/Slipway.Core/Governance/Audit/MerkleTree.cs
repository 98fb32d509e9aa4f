using System.Security.Cryptography;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// The Merkle Tree Hash of RFC 6962 §2.1 over the event hashes (leaves), as Certificate Transparency computes it,
/// and its inclusion proofs (§2.1.1; the SDK's <c>AuditProof</c> verifies them).
/// </summary>
public static class MerkleTree
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? SHA256.HashData([]) : Hash(leaves, 0, leaves.Count);

    /// <summary>The leaf hash of an event: SHA-256(0x00 ‖ event hash).</summary>
    public static byte[] LeafHash(byte[] leaf) => SHA256.HashData([0x00, .. leaf]);

    /// <summary>The audit path PATH(index, D[0:size]): the sibling subtree hashes from the leaf up to the root.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, int index, int size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leaves.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var path = new List<byte[]>();
        Path(leaves, index, 0, size, path);
        return path;
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int index, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(leaves, index, start, k, path);
            path.Add(Hash(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, index - k, start + k, count - k, path);
            path.Add(Hash(leaves, start, k));
        }
    }

    private static byte[] Hash(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return LeafHash(leaves[start]);
        }

        var k = Split(count);
        return SHA256.HashData([0x01, .. Hash(leaves, start, k), .. Hash(leaves, start + k, count - k)]);
    }

    /// <summary>k: the largest power of two smaller than count.</summary>
    private static int Split(int count)
    {
        var k = 1;
        while (k << 1 < count)
        {
            k <<= 1;
        }

        return k;
    }
}
