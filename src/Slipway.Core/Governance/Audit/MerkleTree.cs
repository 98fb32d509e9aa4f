using System.Security.Cryptography;

namespace Slipway.Core.Governance.Audit;

/// <summary>The Merkle Tree Hash of RFC 6962 §2.1 over the event hashes (leaves), as Certificate Transparency computes it.</summary>
public static class MerkleTree
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? SHA256.HashData([]) : Hash(leaves, 0, leaves.Count);

    private static byte[] Hash(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return SHA256.HashData([0x00, .. leaves[start]]);
        }

        // k: the largest power of two smaller than count.
        var k = 1;
        while (k << 1 < count)
        {
            k <<= 1;
        }

        return SHA256.HashData([0x01, .. Hash(leaves, start, k), .. Hash(leaves, start + k, count - k)]);
    }
}
