using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Contracts.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Audit;

/// <summary>The audit trail's routes. Admin only until the auditor role exists.</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        audit.MapGet("/events", ListEventsAsync).WithName("ListAuditEvents").RequireAccess(AccessRule.RequiresCapability(Capabilities.AuditRead));
        audit.MapGet("/checkpoints/latest", LatestCheckpointAsync).WithName("GetLatestAuditCheckpoint").RequireAccess(AccessRule.RequiresCapability(Capabilities.AuditRead));
        audit.MapPost("/checkpoints", CreateCheckpointAsync).WithName("CreateAuditCheckpoint").RequireAccess(AccessRule.Platform);
        audit.MapPost("/verify", VerifyAsync).WithName("VerifyAudit").RequireAccess(AccessRule.RequiresCapability(Capabilities.AuditExport));
        audit.MapGet("/proof", ProofAsync).WithName("GetAuditInclusionProof").RequireAccess(AccessRule.RequiresCapability(Capabilities.AuditRead));
        audit.MapGet("/export", ExportAsync).WithName("ExportAudit").RequireAccess(AccessRule.RequiresCapability(Capabilities.AuditExport))
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/plain");
        return app;
    }

    private static async Task<Results<Ok<AuditEventsResponse>, ProblemHttpResult>> ListEventsAsync(
        SlipwayDbContext db,
        CancellationToken cancellationToken,
        [FromQuery(Name = "after_seq")] long? afterSeq = null,
        [FromQuery] int? limit = null,
        [FromQuery] string? action = null)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ProblemResults.Problem(Error.Invalid($"limit must be between 1 and {MaxLimit}, not {take}.", "limit"));
        }

        var after = afterSeq ?? 0;
        var query = db.AuditEvents.AsNoTracking().Where(e => e.Seq > after);
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
        }

        var rows = await query.OrderBy(e => e.Seq).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(ToJson).ToList();
        return TypedResults.Ok(new AuditEventsResponse(page, rows.Count > take ? rows[take - 1].Seq : null));
    }

    private static async Task<Results<Ok<AuditCheckpointResponse>, ProblemHttpResult>> LatestCheckpointAsync(AuditCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        var latest = await checkpoints.LatestAsync(cancellationToken);
        return latest is null
            ? ProblemResults.Problem(Error.NotFound("No audit checkpoint has been written yet."))
            : TypedResults.Ok(ToResponse(latest));
    }

    private static async Task<Results<Ok<AuditCheckpointResponse>, ProblemHttpResult>> CreateCheckpointAsync(AuditCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        await checkpoints.CreateAsync(cancellationToken);
        return await LatestCheckpointAsync(checkpoints, cancellationToken);
    }

    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(
        AuditVerifier verifier, SlipwayDbContext db, AuditLog audit, ILogger<AuditVerifier> logger, CancellationToken cancellationToken, AuditVerifyRequest? request = null)
    {
        var result = await verifier.VerifyAsync(request?.Checkpoint, cancellationToken);
        // The outcome is itself evidence: a failed verification stays on record even if someone later repairs the rows.
        // A log too damaged to append to (its counter row deleted, say) still gets its report.
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.RecordAsync(
                new AuditEntry("audit.verify")
                {
                    Outcome = result.Ok ? AuditOutcomes.Success : AuditOutcomes.Failure,
                    Resource = new() { ["type"] = "audit_log" },
                    Context = new()
                    {
                        ["ok"] = result.Ok,
                        ["events"] = result.Events,
                        ["checkpoint_size"] = result.CheckpointSize,
                        ["against_checkpoint"] = request?.Checkpoint is not null,
                        ["problems"] = new System.Text.Json.Nodes.JsonArray([.. result.Problems.Select(p => p.Kind).Distinct().Select(k => (System.Text.Json.Nodes.JsonNode?)k)]),
                    },
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (!result.Ok && e is InvalidOperationException or System.Data.Common.DbException or DbUpdateException)
        {
            logger.VerificationNotRecorded(e);
        }

        return TypedResults.Ok(new AuditVerificationResponse(
            result.Ok, result.Events, result.HeadSeq, result.CheckpointSize, [.. result.Problems.Select(p => new AuditProblemResponse(p.Seq, p.Kind, p.Message))]));
    }

    private static async Task<Results<Ok<AuditProofResponse>, ProblemHttpResult>> ProofAsync(
        AuditProofs proofs, CancellationToken cancellationToken, [FromQuery] long seq = 0, [FromQuery] long? size = null)
    {
        var result = await proofs.ProveAsync(seq, size, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.Problem(result.Error);
    }

    private static async Task<IResult> ExportAsync(
        AuditExport export, CancellationToken cancellationToken, [FromQuery] string? format = null, [FromQuery(Name = "after_seq")] long? afterSeq = null)
    {
        var chosen = format ?? AuditExport.JsonLines;
        if (chosen is not (AuditExport.JsonLines or AuditExport.Cef))
        {
            return ProblemResults.Problem(Error.Invalid($"format must be '{AuditExport.JsonLines}' or '{AuditExport.Cef}', not '{chosen}'.", "format"));
        }

        var after = Math.Max(afterSeq ?? 0, 0);
        var through = await export.BeginAsync(chosen, after, cancellationToken);
        return TypedResults.Stream(
            stream => export.WriteAsync(stream, chosen, after, through, cancellationToken),
            chosen == AuditExport.Cef ? "text/plain; charset=utf-8" : "application/x-ndjson");
    }

    internal static System.Text.Json.Nodes.JsonObject ToJson(AuditEvent e)
    {
        var json = AuditHashing.ToJson(e);
        json["hash"] = e.Hash;
        return json;
    }

    internal static AuditCheckpointResponse ToResponse(AuditCheckpoint c) => new(c.Size, c.Root, c.Text, c.CreatedAt);
}
