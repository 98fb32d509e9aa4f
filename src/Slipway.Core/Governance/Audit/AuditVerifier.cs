using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Audit;

/// <summary>One finding of <see cref="AuditVerifier"/>: <c>gap</c>, <c>chain_broken</c>, <c>hash_mismatch</c>, <c>truncated</c>, <c>checkpoint_signature</c>, <c>checkpoint_root</c>, …</summary>
public sealed record AuditProblem(long? Seq, string Kind, string Message);

public sealed record AuditVerification(long Events, long HeadSeq, long? CheckpointSize, IReadOnlyList<AuditProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Recomputes the audit chain from the rows: each seq follows the last, each prev_hash is the previous hash, each
/// hash is what the row's content hashes to; the log is as long as the counter and every checkpoint says; each
/// checkpoint's signature is by the install's key and its root is the Merkle root of the events it covers.
/// </summary>
public sealed class AuditVerifier(SlipwayDbContext db, AuditSigningKey key)
{
    private const int BatchSize = 1000;

    public async Task<AuditVerification> VerifyAsync(string? againstCheckpoint, CancellationToken cancellationToken)
    {
        var problems = new List<AuditProblem>();
        var hashes = new List<byte[]>();
        var expected = 1L;
        var previous = AuditHashing.GenesisHash;
        var after = 0L;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > after).OrderBy(e => e.Seq).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                if (row.Seq != expected)
                {
                    problems.Add(new(expected, "gap", $"Events {expected}..{row.Seq - 1} are missing."));
                }

                if (row.PrevHash != previous)
                {
                    problems.Add(new(row.Seq, "chain_broken", "prev_hash is not the hash of the event before it (deleted, inserted or reordered events)."));
                }

                if (Recompute(row) != row.Hash)
                {
                    problems.Add(new(row.Seq, "hash_mismatch", "The event's content does not hash to its stored hash (edited)."));
                }

                hashes.Add(Decode(row.Hash));
                previous = row.Hash;
                expected = row.Seq + 1;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }

            after = batch[^1].Seq;
        }

        var last = expected - 1;
        var head = await db.AuditHead.AsNoTracking().SingleAsync(cancellationToken);
        if (head.Seq != last)
        {
            problems.Add(new(last, head.Seq > last ? "truncated" : "head_behind", $"The counter says {head.Seq} events; the log ends at {last}."));
        }
        else if (head.Hash != previous)
        {
            problems.Add(new(last, "chain_broken", "The counter's hash is not the last event's hash."));
        }

        var latest = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            Check(latest.Text, "latest stored checkpoint", hashes, last, problems);
        }

        if (againstCheckpoint is not null)
        {
            Check(againstCheckpoint, "given checkpoint", hashes, last, problems);
        }

        return new AuditVerification(hashes.Count, head.Seq, latest?.Size, problems);
    }

    private void Check(string text, string which, List<byte[]> hashes, long last, List<AuditProblem> problems)
    {
        var note = CheckpointNote.Parse(text);
        if (note is null)
        {
            problems.Add(new(null, "checkpoint_unreadable", $"The {which} is not a checkpoint note."));
            return;
        }

        if (note.Origin != key.Origin || !note.IsSignedBy(key))
        {
            problems.Add(new(note.Size, "checkpoint_signature", $"The {which}'s signature is not by this install's audit key."));
        }

        if (note.Size > last || note.Size > hashes.Count)
        {
            problems.Add(new(note.Size, "truncated", $"The {which} covers {note.Size} events; the log ends at {last}."));
            return;
        }

        if (Convert.ToBase64String(MerkleTree.Root(hashes.GetRange(0, (int)note.Size))) != note.Root)
        {
            problems.Add(new(note.Size, "checkpoint_root", $"The {which}'s root is not the Merkle root of the first {note.Size} events (history rewritten)."));
        }
    }

    private static string? Recompute(AuditEvent row)
    {
        try
        {
            return AuditHashing.ComputeHash(row);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] Decode(string hash)
    {
        try
        {
            return Convert.FromBase64String(hash);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
