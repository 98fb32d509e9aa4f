using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Writes signed checkpoints of the audit log: to the database, as a file to the checkpoint directory and to the
/// checkpoint bucket when one is configured (<see cref="AuditCheckpointSink"/>), so that
/// a database administrator cannot rewrite history without the files (and the key) disagreeing. Several replicas
/// may try at once: the unique size lets one insert win and the others stand down.
/// </summary>
public sealed class AuditCheckpoints(
    SlipwayDbContext db, AuditSigningKey key, AuditCheckpointSink sink, TimeProvider time, IOptions<AuditOptions> options, IOptions<SlipwayOptions> slipway, ILogger<AuditCheckpoints> logger)
{
    public string Directory => Path.GetFullPath(options.Value.CheckpointDirectory ?? Path.Combine(slipway.Value.DataDirFullPath, "audit-checkpoints"));

    public Task<AuditCheckpoint?> LatestAsync(CancellationToken cancellationToken) =>
        db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);

    /// <summary>True when enough events or time have passed since the last checkpoint.</summary>
    public async Task<bool> IsDueAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditHead.AsNoTracking().SingleAsync(cancellationToken);
        var latest = await LatestAsync(cancellationToken);
        var size = latest?.Size ?? 0;
        if (head.Seq <= size)
        {
            return false;
        }

        if (head.Seq - size >= options.Value.CheckpointEvery)
        {
            return true;
        }

        // No event waits longer than the interval for a checkpoint that covers it.
        var oldestUncovered = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > size).OrderBy(e => e.Seq).Select(e => e.Ts).FirstOrDefaultAsync(cancellationToken);
        return oldestUncovered is not null
            && time.GetUtcNow() - DateTimeOffset.Parse(oldestUncovered, System.Globalization.CultureInfo.InvariantCulture) >= options.Value.CheckpointInterval;
    }

    /// <summary>Signs the log as committed now; null when nothing is new or another replica signed the same size first.</summary>
    public async Task<AuditCheckpoint?> CreateAsync(CancellationToken cancellationToken)
    {
        var hashes = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).Select(e => new { e.Seq, e.Hash }).ToListAsync(cancellationToken);
        var size = (long)hashes.Count;
        var latest = await LatestAsync(cancellationToken);
        if (size == 0 || size <= (latest?.Size ?? 0))
        {
            return null;
        }

        if (hashes[^1].Seq != size)
        {
            // A gap: never sign a log that does not verify.
            logger.CheckpointRefused(size, hashes[^1].Seq);
            return null;
        }

        var note = CheckpointNote.Sign(key, size, MerkleTree.Root(hashes.ConvertAll(h => Convert.FromBase64String(h.Hash))));
        var checkpoint = new AuditCheckpoint
        {
            Size = size,
            Root = note.Root,
            Signature = note.Signature,
            Text = note.Text,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.AuditCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return null;
        }

        await WriteFileAsync(checkpoint, cancellationToken);
        await PushAsync(cancellationToken);
        return checkpoint;
    }

    /// <summary>Writes the checkpoint's file unless it exists; a failed write is retried on the next round.</summary>
    public async Task WriteFileAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var path = PathFor(checkpoint.Size);
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, checkpoint.Text, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException e)
        {
            logger.CheckpointFileFailed(path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            logger.CheckpointFileFailed(path, e);
        }
    }

    /// <summary>Pushes the checkpoints the bucket sink (if any) does not hold yet; failures are logged and retried later.</summary>
    public Task PushAsync(CancellationToken cancellationToken) => sink.PushPendingAsync(db, cancellationToken);

    public string PathFor(long size) => Path.Combine(Directory, $"checkpoint-{size:D12}.txt");
}
