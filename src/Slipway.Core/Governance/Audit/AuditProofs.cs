using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Inclusion proofs (RFC 6962 §2.1.1) of one event in the tree of the first <c>size</c> events, by default the
/// latest checkpoint's, so that a holder of a signed checkpoint can check one event without the whole log.
/// </summary>
public sealed class AuditProofs(SlipwayDbContext db, AuditCheckpoints checkpoints)
{
    public async Task<Result<AuditProofResponse>> ProveAsync(long seq, long? size, CancellationToken cancellationToken)
    {
        AuditCheckpoint? checkpoint;
        if (size is { } given)
        {
            checkpoint = await db.AuditCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Size == given, cancellationToken);
        }
        else
        {
            checkpoint = await checkpoints.LatestAsync(cancellationToken);
            if (checkpoint is null)
            {
                return Error.NotFound("No audit checkpoint has been written yet; give size, or write one with POST /api/v1/audit/checkpoints.");
            }
        }

        var treeSize = size ?? checkpoint!.Size;
        var head = await db.AuditHead.AsNoTracking().Select(h => h.Seq).SingleAsync(cancellationToken);
        if (treeSize < 1 || treeSize > head || treeSize > int.MaxValue)
        {
            return Error.Invalid($"size must be between 1 and the log's length {head}, not {treeSize}.", "size");
        }

        if (seq < 1 || seq > treeSize)
        {
            return Error.Invalid($"seq must be between 1 and the tree size {treeSize}, not {seq}.", "seq");
        }

        var hashes = await db.AuditEvents.AsNoTracking().Where(e => e.Seq <= treeSize).OrderBy(e => e.Seq).Select(e => e.Hash).ToListAsync(cancellationToken);
        if (hashes.Count != treeSize)
        {
            return Error.Invalid($"The log has a gap before seq {treeSize}; run POST /api/v1/audit/verify.", "size");
        }

        var leaves = hashes.ConvertAll(Convert.FromBase64String);
        var index = (int)(seq - 1);
        var path = MerkleTree.InclusionProof(leaves, index, (int)treeSize);
        return new AuditProofResponse(
            seq,
            index,
            treeSize,
            hashes[index],
            Convert.ToBase64String(MerkleTree.LeafHash(leaves[index])),
            path.ConvertAll(Convert.ToBase64String),
            Convert.ToBase64String(MerkleTree.Root(leaves)),
            checkpoint is null ? null : AuditEndpoints.ToResponse(checkpoint));
    }
}
