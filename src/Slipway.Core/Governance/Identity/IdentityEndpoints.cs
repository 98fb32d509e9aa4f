using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity.Groups;
using Slipway.Core.Governance.Identity.Mfa;
using Slipway.Core.Governance.Identity.SignIn;
using Slipway.Core.Governance.Identity.Users;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity;

/// <summary>
/// Users, service accounts, groups, sign-in and MFA on <c>/api/v1</c>. Request bodies are read strictly: a field
/// the route does not take (say <c>is_admin</c> on a self-service route) is a 400 that names it.
/// </summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("", ListUsersAsync).WithName("ListUsers").RequireAccess(AccessRule.Platform);
        users.MapPost("", CreateUserAsync).WithName("CreateUser").RequireAccess(AccessRule.Platform).Accepts<CreateUserRequest>("application/json");
        users.MapGet("/{name}", GetUserAsync).WithName("GetUser").RequireAccess(AccessRule.Platform);
        users.MapPatch("/{name}", UpdateUserAsync).WithName("UpdateUser").RequireAccess(AccessRule.Platform).Accepts<UpdateUserRequest>("application/json");
        users.MapDelete("/{name}", DeleteUserAsync).WithName("DeleteUser").RequireAccess(AccessRule.Platform);
        users.MapPut("/{name}/password", SetPasswordAsync).WithName("SetUserPassword").RequireAccess(AccessRule.Platform).Accepts<SetPasswordRequest>("application/json");
        users.MapDelete("/{name}/mfa", ResetMfaAsync).WithName("ResetUserMfa").RequireAccess(AccessRule.Platform);

        var me = app.MapGroup("/api/v1/users/me").WithTags("Users").RequireAccess(AccessRule.Self).RefuseNarrowedTokens();
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangeOwnPassword").Accepts<ChangePasswordRequest>("application/json");
        me.MapPost("/mfa/totp", StartTotpAsync).WithName("StartTotpEnrollment");
        me.MapPost("/mfa/totp/confirm", ConfirmTotpAsync).WithName("ConfirmTotpEnrollment").Accepts<TotpConfirmRequest>("application/json");
        // The body is optional on these two (a stepped-up session needs none), so no Accepts: it would keep a body-less
        // DELETE /users/me/mfa from matching this route and send it to DELETE /users/{name}/mfa.
        me.MapPost("/mfa/recovery-codes", RegenerateRecoveryCodesAsync).WithName("RegenerateRecoveryCodes");
        me.MapDelete("/mfa", DisableMfaAsync).WithName("DisableMfa");

        app.MapPost("/api/v1/service-accounts", CreateServiceAccountAsync).WithName("CreateServiceAccount").WithTags("Users")
            .RequireAccess(AccessRule.Platform).Accepts<CreateServiceAccountRequest>("application/json");

        var groups = app.MapGroup("/api/v1/groups").WithTags("Groups").RequireAccess(AccessRule.Platform);
        groups.MapGet("", ListGroupsAsync).WithName("ListGroups");
        groups.MapPost("", CreateGroupAsync).WithName("CreateGroup").Accepts<CreateGroupRequest>("application/json");
        groups.MapGet("/{name}", GetGroupAsync).WithName("GetGroup");
        groups.MapDelete("/{name}", DeleteGroupAsync).WithName("DeleteGroup");
        groups.MapPut("/{name}/members/{user}", (string name, string user, ManageGroups h, CancellationToken ct) => SetMemberAsync(name, user, true, h, ct)).WithName("AddGroupMember");
        groups.MapDelete("/{name}/members/{user}", (string name, string user, ManageGroups h, CancellationToken ct) => SetMemberAsync(name, user, false, h, ct)).WithName("RemoveGroupMember");

        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        auth.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymousAccess().Accepts<LoginRequest>("application/json");
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAccess(AccessRule.Self);
        auth.MapGet("/whoami", WhoAmIAsync).WithName("WhoAmI").RequireAccess(AccessRule.Self);
        auth.MapPost("/step-up", StepUpAsync).WithName("StepUp").RequireAccess(AccessRule.Self).RefuseNarrowedTokens().Accepts<MfaCodeRequest>("application/json");
        return app;
    }

    private static async Task<Ok<List<UserResponse>>> ListUsersAsync(string? kind, GetUsers handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.ListAsync(kind, cancellationToken)).ConvertAll(ToResponse));

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUserAsync(HttpContext context, CreateUser handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<CreateUserRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var r = body.Value;
        var result = await handler.HandleAsync(new CreateUserCommand(r.Name, PrincipalKinds.User, r.DisplayName, r.Email, r.IsAdmin, r.Password), cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/users/{result.Value.Name}", ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateServiceAccountAsync(HttpContext context, CreateUser handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<CreateServiceAccountRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var r = body.Value;
        var result = await handler.HandleAsync(new CreateUserCommand(r.Name, PrincipalKinds.Service, r.DisplayName, r.Email, IsAdmin: false, Password: null), cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/users/{result.Value.Name}", ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUserAsync(string name, GetUsers handler, CancellationToken cancellationToken) =>
        Respond(await handler.GetAsync(name, cancellationToken));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateUserAsync(string name, HttpContext context, UpdateUser handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<UpdateUserRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var r = body.Value;
        return Respond(await handler.HandleAsync(new UpdateUserCommand(name, r.DisplayName, r.Email, r.Active, r.IsAdmin), cancellationToken));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DeleteUserAsync(string name, HttpContext context, DeleteUser handler, CancellationToken cancellationToken) =>
        Respond(await handler.HandleAsync(name, Caller(context).UserId, cancellationToken));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetPasswordAsync(string name, HttpContext context, SetPassword handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<SetPasswordRequest>(context);
        return body.IsSuccess ? Respond(await handler.SetAsync(name, body.Value.Password, cancellationToken)) : ProblemResults.Problem(body.Error);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ResetMfaAsync(string name, ManageMfa handler, CancellationToken cancellationToken) =>
        Respond(await handler.ResetAsync(name, cancellationToken));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangePasswordAsync(HttpContext context, SetPassword handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<ChangePasswordRequest>(context);
        return body.IsSuccess
            ? Respond(await handler.ChangeOwnAsync(Caller(context), body.Value.CurrentPassword, body.Value.NewPassword, cancellationToken))
            : ProblemResults.Problem(body.Error);
    }

    private static async Task<Results<Ok<TotpEnrollmentResponse>, ProblemHttpResult>> StartTotpAsync(HttpContext context, EnrollTotp handler, CancellationToken cancellationToken)
    {
        var result = await handler.StartAsync(Caller(context).UserId, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new TotpEnrollmentResponse(result.Value.Secret, result.Value.Uri)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> ConfirmTotpAsync(HttpContext context, EnrollTotp handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<TotpConfirmRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var result = await handler.ConfirmAsync(Caller(context).UserId, body.Value.Code, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new RecoveryCodesResponse(result.Value.RecoveryCodes)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> RegenerateRecoveryCodesAsync(HttpContext context, ManageMfa handler, CancellationToken cancellationToken)
    {
        var body = await ReadOptionalAsync(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var result = await handler.RegenerateRecoveryCodesAsync(Caller(context), Proof(body.Value), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new RecoveryCodesResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableMfaAsync(HttpContext context, ManageMfa handler, CancellationToken cancellationToken)
    {
        var body = await ReadOptionalAsync(context);
        return body.IsSuccess ? Respond(await handler.DisableAsync(Caller(context), Proof(body.Value), cancellationToken)) : ProblemResults.Problem(body.Error);
    }

    private static async Task<Ok<List<GroupResponse>>> ListGroupsAsync(ManageGroups handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.ListAsync(cancellationToken)).ConvertAll(ToResponse));

    private static async Task<Results<Created<GroupResponse>, ProblemHttpResult>> CreateGroupAsync(HttpContext context, ManageGroups handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<CreateGroupRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var result = await handler.CreateAsync(body.Value.Name, body.Value.Description, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/groups/{result.Value.Group.Name}", ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> GetGroupAsync(string name, ManageGroups handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(name, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> DeleteGroupAsync(string name, ManageGroups handler, CancellationToken cancellationToken)
    {
        var result = await handler.DeleteAsync(name, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(new GroupWithMembers(result.Value, []))) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> SetMemberAsync(string name, string user, bool member, ManageGroups handler, CancellationToken cancellationToken)
    {
        var result = await handler.SetMemberAsync(name, user, member, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(HttpContext context, PasswordSignIn handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<LoginRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var r = body.Value;
        var result = await handler.HandleAsync(context, new SignInCommand(r.Username, r.Password, r.TotpCode, r.RecoveryCode), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new LoginResponse(ToResponse(result.Value.User), result.Value.Session.Session.AuthMethod, result.Value.Session.CsrfToken, result.Value.Session.Session.AbsoluteExpiresAt))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(HttpContext context, SignOut handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(context, Caller(context), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<WhoAmIResponse>, ProblemHttpResult>> WhoAmIAsync(HttpContext context, GetUsers handler, CancellationToken cancellationToken)
    {
        var principal = Caller(context);
        var user = await handler.GetAsync(principal.UserId, cancellationToken);
        return user.IsSuccess
            ? TypedResults.Ok(new WhoAmIResponse(
                ToResponse(user.Value), principal.AuthMethod, user.Value.TotpEnabledAt is not null, principal.MfaAt, principal.SessionId,
                principal.TokenId, principal.TokenWorkspaceId, principal.TokenMaxPermission?.ToString().ToUpperInvariant()))
            : ProblemResults.Problem(user.Error);
    }

    private static async Task<Results<Ok<StepUpResponse>, ProblemHttpResult>> StepUpAsync(HttpContext context, StepUpSession handler, CancellationToken cancellationToken)
    {
        var body = await StrictJsonBody.ReadAsync<MfaCodeRequest>(context);
        if (!body.IsSuccess)
        {
            return ProblemResults.Problem(body.Error);
        }

        var result = await handler.HandleAsync(Caller(context), Proof(body.Value), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new StepUpResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    /// <summary>A body that may be absent (DELETE, or a session that already stepped up).</summary>
    private static Task<Result<MfaCodeRequest>> ReadOptionalAsync(HttpContext context) =>
        context.Request.ContentLength == 0 || (context.Request.ContentLength is null && context.Request.ContentType is null)
            ? Task.FromResult<Result<MfaCodeRequest>>(new MfaCodeRequest())
            : StrictJsonBody.ReadAsync<MfaCodeRequest>(context);

    private static MfaProof Proof(MfaCodeRequest request) => new(request.Code, request.RecoveryCode, request.Password);

    private static SlipwayPrincipal Caller(HttpContext context) => context.Features.Get<SlipwayPrincipal>()!;

    private static Results<Ok<UserResponse>, ProblemHttpResult> Respond(Result<User> result) =>
        result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);

    internal static UserResponse ToResponse(User u) => new(
        u.Id, u.Name, u.Kind, u.DisplayName, u.Email, u.IsAdmin, u.Active, u.PasswordHash is not null, u.TotpEnabledAt is not null, u.CreatedAt, u.CreatedBy, u.LastLoginAt);

    private static GroupResponse ToResponse(GroupWithMembers g) =>
        new(g.Group.Id, g.Group.Name, g.Group.Description, g.Group.Source, g.Group.CreatedAt, g.Members);
}
