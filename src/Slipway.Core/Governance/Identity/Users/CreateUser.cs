using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.Passwords;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>A user (<c>kind</c> user) or a service account (<c>kind</c> service, which never has a password).</summary>
public sealed record CreateUserCommand(string? Name, string Kind, string? DisplayName, string? Email, bool IsAdmin, string? Password);

/// <summary>Creates a user or service account (platform admins only). New users hold no permissions until granted.</summary>
public sealed class CreateUser(SlipwayDbContext db, AuditLog audit, CurrentActor actor, TimeProvider time, ILogger<CreateUser> logger)
{
    public async Task<Result<User>> HandleAsync(CreateUserCommand command, CancellationToken cancellationToken)
    {
        if (UserNames.Validate(command.Name) is { } invalid)
        {
            return invalid;
        }

        var name = command.Name!.Normalize(System.Text.NormalizationForm.FormC);
        if (UserFields.Validate(command.DisplayName, command.Email) is { } invalidField)
        {
            return invalidField;
        }

        if (command.Kind == PrincipalKinds.Service && command.Password is not null)
        {
            return IdentityErrors.ServiceAccountPassword;
        }

        if (command.Password is not null && PasswordPolicy.Check(command.Password, name) is { } weak)
        {
            return weak;
        }

        var normalized = UserNames.Normalize(name);
        if (await db.Users.AnyAsync(u => u.NormalizedName == normalized, cancellationToken))
        {
            return Error.AlreadyExists($"A user or service account named '{name}' already exists.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var user = new User
        {
            Name = name,
            NormalizedName = normalized,
            Kind = command.Kind,
            DisplayName = command.DisplayName,
            Email = command.Email,
            IsAdmin = command.IsAdmin,
            Active = true,
            PasswordHash = command.Password is null ? null : PasswordHashing.Hash(command.Password),
            PasswordChangedAt = command.Password is null ? null : now,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.Users.Add(user);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var after = IdentityAudit.Snapshot(user);
            after["has_password"] = user.PasswordHash is not null;
            await audit.RecordAsync(IdentityAudit.UserChange(command.Kind == PrincipalKinds.Service ? "service_account.create" : "user.create", user, null, after), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"A user or service account named '{name}' already exists.");
        }

        logger.UserCreated(user.Name, user.Kind);
        return user;
    }
}
