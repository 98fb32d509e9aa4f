using System.Text;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Streams the events after a cursor as JSON Lines (schema v1 with hash, as <c>/events</c>) or CEF lines, up to
/// the seq that was last when the export began. The export is itself an audit event (<c>audit.export</c>),
/// committed before the first line, so the log records who took a copy of it.
/// </summary>
public sealed class AuditExport(SlipwayDbContext db, AuditLog audit)
{
    public const string JsonLines = "jsonl";
    public const string Cef = "cef";
    private const int BatchSize = 1000;

    /// <summary>Records the export and returns the last seq it will include.</summary>
    public async Task<long> BeginAsync(string format, long afterSeq, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var through = await db.AuditHead.AsNoTracking().Select(h => h.Seq).SingleAsync(cancellationToken);
        await audit.RecordAsync(
            new AuditEntry("audit.export")
            {
                Resource = new() { ["type"] = "audit_log" },
                Context = new() { ["format"] = format, ["after_seq"] = afterSeq, ["through_seq"] = through },
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return through;
    }

    public async Task WriteAsync(Stream output, string format, long afterSeq, long throughSeq, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        var after = afterSeq;
        while (after < throughSeq)
        {
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > after && e.Seq <= throughSeq).OrderBy(e => e.Seq).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var e in batch)
            {
                await writer.WriteAsync(format == Cef ? AuditCef.Format(e) : AuditEndpoints.ToJson(e).ToJsonString());
                await writer.WriteAsync('\n');
            }

            await writer.FlushAsync(cancellationToken);
            after = batch[^1].Seq;
        }
    }
}
