using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Appends events to the hash-chained audit log (governance.md §8.4) inside the caller's transaction, so that the
/// change and its event commit together or not at all (fail closed: an exception here fails the change). Taking
/// the next <c>seq</c> from <see cref="AuditHead"/> locks that row until the transaction ends, so writers append
/// one at a time and the chain has no gaps or forks.
/// </summary>
public sealed class AuditLog(SlipwayDbContext db, CurrentActor actor, IHttpContextAccessor accessor, TimeProvider time, IOptions<AuditOptions> options)
{
    public async Task<AuditEvent> RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit event is written in the transaction of the change it records.");
        }

        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        sql.Append("UPDATE audit_head SET seq = seq + 1 WHERE id = ").Append(sql.Parameter(AuditHead.SingletonId)).Append(" RETURNING seq, hash");
        long seq;
        string previous;
        await using (var reader = await sql.ReadAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The audit counter row is missing.");
            }

            seq = reader.GetInt64(0);
            previous = reader.GetString(1);
        }

        sql.Reset();
        var now = time.GetUtcNow();
        var context = accessor.HttpContext;
        var row = new AuditEvent
        {
            Seq = seq,
            Id = Ulid.New(now),
            Ts = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Schema = AuditHashing.Schema,
            Action = entry.Action,
            Outcome = entry.Outcome,
            Status = entry.Status,
            ErrorCode = entry.ErrorCode,
            Reason = entry.Reason,
            Actor = (entry.Actor ?? ActorJson(context)).ToJsonString(),
            Source = context is null ? null : SourceJson(context).ToJsonString(),
            Request = context is null ? null : RequestJson(context).ToJsonString(),
            Resource = entry.Resource?.ToJsonString(),
            Changes = entry.Changes?.ToJsonString(),
            Context = entry.Context?.ToJsonString(),
            PrevHash = previous,
            Hash = string.Empty,
        };
        row.Hash = AuditHashing.ComputeHash(row);

        sql.Append("UPDATE audit_head SET hash = ").Append(sql.Parameter(row.Hash))
            .Append(" WHERE id = ").Append(sql.Parameter(AuditHead.SingletonId));
        await sql.ExecuteAsync(cancellationToken);

        sql.Append("INSERT INTO audit_events (seq, id, ts, \"schema\", action, outcome, status, error_code, reason, actor, source, request, resource, changes, context, prev_hash, hash) VALUES (")
            .Append(string.Join(", ", new object?[]
            {
                row.Seq, row.Id, row.Ts, row.Schema, row.Action, row.Outcome, row.Status, row.ErrorCode, row.Reason, row.Actor,
                row.Source, row.Request, row.Resource, row.Changes, row.Context, row.PrevHash, row.Hash,
            }.Select(sql.Parameter)))
            .Append(")");
        await sql.ExecuteAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Records a refused request in a transaction of its own, after the refusal is decided (nothing changed, so
    /// there is no change to join). The request is refused whether or not this write succeeds.
    /// </summary>
    public async Task RecordDeniedAsync(int status, string errorCode, string reason, int collapsed, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RecordAsync(
            new AuditEntry(status == StatusCodes.Status401Unauthorized ? "request.unauthenticated" : "request.denied")
            {
                Outcome = AuditOutcomes.Denied,
                Status = status,
                ErrorCode = errorCode,
                Reason = reason,
                Context = collapsed > 0 ? new JsonObject { ["collapsed"] = collapsed } : null,
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private JsonObject ActorJson(HttpContext? context)
    {
        var principal = context?.Features.Get<SlipwayPrincipal>();
        return principal is null
            ? new JsonObject { ["type"] = context is null ? "system" : "anonymous", ["name"] = context is null ? actor.Name : null }
            : new JsonObject
            {
                ["type"] = principal.TokenId is not null ? "token" : principal.Kind == Identity.PrincipalKinds.Service ? "service" : "user",
                ["id"] = "u_" + principal.UserId.ToString(CultureInfo.InvariantCulture),
                ["name"] = principal.Name,
                ["token_id"] = principal.TokenId,
                ["workspace_id"] = principal.WorkspaceId,
                ["auth"] = principal.AuthMethod,
                ["admin"] = principal.IsAdmin ? true : null,
                ["mfa"] = principal.MfaAt is not null ? true : null,
                ["session_id"] = principal.SessionId,
            };
    }

    private JsonObject SourceJson(HttpContext context)
    {
        var source = new JsonObject
        {
            ["ip"] = context.Connection.RemoteIpAddress?.ToString(),
            ["user_agent"] = Truncate(context.Request.Headers.UserAgent.ToString(), 512),
        };
        if (options.Value.TrustForwardedFor && context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded))
        {
            source["forwarded_for"] = new JsonArray([.. forwarded.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Take(10).Select(v => (JsonNode?)JsonValue.Create(Truncate(v, 64)))]);
        }

        return source;
    }

    private static JsonObject RequestJson(HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
        return new JsonObject
        {
            ["id"] = context.TraceIdentifier,
            ["trace_id"] = Activity.Current?.TraceId.ToString(),
            ["method"] = context.Request.Method,
            ["route"] = Truncate(route ?? string.Empty, 512),
            ["api"] = MlflowRoutes.IsMlflowPath(context.Request.Path) ? "mlflow" : "slipway",
        };
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
