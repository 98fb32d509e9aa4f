using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Governance.Identity.Users;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow.Messages;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>
/// The MLflow auth app's user RPCs (<c>/mlflow/users/…</c>) over Slipway's own users: platform admins manage
/// users; anyone may read themself. Passwords follow Slipway's policy and MFA rules.
/// </summary>
internal static class MlflowUserEndpoints
{
    public static void MapMlflowUsers(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "users/create", "CreateUser", AccessRule.Platform,
            (HttpContext c, CreateUser h) => Rpc(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new CreateUserCommand(r.Username, PrincipalKinds.User, null, null, IsAdmin: false, r.Password ?? string.Empty), ct), Body)));
        app.MapRpc(Get, "users/get", "GetUser", AccessRule.Self,
            (HttpContext c, GetUsers h) => Rpc(c, async (r, ct) =>
            {
                var caller = c.Features.Get<SlipwayPrincipal>()!;
                if (string.IsNullOrEmpty(r.Username))
                {
                    return MlflowResults.Error(Error.MissingField("username"));
                }

                if (!caller.IsPlatformAdmin && UserNames.Normalize(r.Username) != UserNames.Normalize(caller.Name))
                {
                    return MlflowResults.Error(new Error(ErrorKind.Forbidden, "permission_denied", "Only platform admins can read other users."));
                }

                return MlflowResults.From(await h.GetAsync(r.Username, ct), Body);
            }));
        app.MapRpc(Patch, "users/update-password", "UpdateUserPassword", AccessRule.Platform,
            (HttpContext c, SetPassword h) => Rpc(c, async (r, ct) => string.IsNullOrEmpty(r.Username)
                ? MlflowResults.Error(Error.MissingField("username"))
                : MlflowResults.From(await h.SetAsync(r.Username, r.Password, ct), _ => new { })));
        app.MapRpc(Patch, "users/update-admin", "UpdateUserAdmin", AccessRule.Platform,
            (HttpContext c, UpdateUser h) => Rpc(c, async (r, ct) => string.IsNullOrEmpty(r.Username) ? MlflowResults.Error(Error.MissingField("username"))
                : r.IsAdmin is null ? MlflowResults.Error(Error.MissingField("is_admin"))
                : MlflowResults.From(await h.HandleAsync(new UpdateUserCommand(r.Username, null, null, null, r.IsAdmin), ct), _ => new { })));
        app.MapRpc(Delete, "users/delete", "DeleteUser", AccessRule.Platform,
            (HttpContext c, DeleteUser h) => Rpc(c, async (r, ct) => string.IsNullOrEmpty(r.Username)
                ? MlflowResults.Error(Error.MissingField("username"))
                : MlflowResults.From(await h.HandleAsync(r.Username, c.Features.Get<SlipwayPrincipal>()!.UserId, ct), _ => new { })));
    }

    private static object Body(Governance.Identity.User user) =>
        new { user = new MlflowUserJson(user.Id, user.Name, user.IsAdmin, [], []) };

    private static async Task<IResult> Rpc(HttpContext context, Func<MlflowUserRequest, CancellationToken, Task<IResult>> call)
    {
        var request = await MlflowRequest.ReadAsync<MlflowUserRequest>(context);
        return request.IsSuccess ? await call(request.Value, context.RequestAborted) : MlflowResults.Error(request.Error);
    }
}
