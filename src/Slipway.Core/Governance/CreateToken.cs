using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

public sealed record CreateTokenCommand(string Name, long UserId, string Principal, long? ExpiresAt)
{
    /// <summary>Binds the token to one workspace; null leaves it unbound.</summary>
    public long? WorkspaceId { get; init; }

    /// <summary>The token's ceiling; null carries the owner's rights.</summary>
    public Permission? MaxPermission { get; init; }
}

/// <summary>A new token and its secret, which is shown this once and never stored.</summary>
public sealed record CreatedToken(ApiToken Token, string Secret);

public sealed class CreateToken(SlipwayDbContext db, AuditLog audit, TimeProvider time, ILogger<CreateToken> logger)
{
    public const int NameLength = 100;

    public async Task<Result<CreatedToken>> HandleAsync(CreateTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Name))
        {
            return Error.MissingField("name");
        }

        if (command.Name.Length > NameLength)
        {
            return Error.Invalid($"Token name must be at most {NameLength} characters.", "name");
        }

        if (command.Name.Any(char.IsControl))
        {
            return Error.Invalid("A token name cannot hold control characters.", "name");
        }

        if (command.Name.All(char.IsAsciiDigit))
        {
            return Error.Invalid("A token name cannot be all digits: numbers address tokens by id.", "name");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (command.ExpiresAt is { } expiry && expiry <= now)
        {
            return Error.Invalid("expires_at must be in the future (epoch milliseconds).", "expires_at");
        }

        if (await db.ApiTokens.AnyAsync(t => t.Name == command.Name, cancellationToken))
        {
            return Error.AlreadyExists($"A token named '{command.Name}' already exists.");
        }

        var secret = TokenFormat.Generate();
        var token = new ApiToken
        {
            Name = command.Name,
            Prefix = TokenFormat.DisplayPrefix(secret),
            Hash = TokenFormat.Hash(secret),
            Principal = command.Principal,
            UserId = command.UserId,
            WorkspaceId = command.WorkspaceId,
            MaxPermission = command.MaxPermission,
            CreatedAt = now,
            ExpiresAt = command.ExpiresAt,
        };
        db.ApiTokens.Add(token);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(TokenAudit.Created(token), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"A token named '{command.Name}' already exists.");
        }

        logger.TokenCreated(token.Name, token.Prefix, token.Principal);
        return new CreatedToken(token, secret);
    }
}
