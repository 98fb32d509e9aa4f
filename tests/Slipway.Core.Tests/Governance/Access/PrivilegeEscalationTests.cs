using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Results;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>
/// Workspace admins administer their workspace and nothing more (governance.md §8.1). The use cases are called in
/// process with a non-admin principal until the access middleware lets non-admins through to them.
/// </summary>
public sealed class PrivilegeEscalationTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_workspace_admin_cannot_create_a_role_with_a_capability_they_do_not_hold(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var carol = await AccessTestData.AddUserAsync(server, "carol");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, carol);

        var approver = new RoleDefinition("Self approver", null, [new RoleLine("*", "*", "READ")], [Capabilities.Approve]);
        var refused = await AccessTestData.AsAsync<CreateRole, Result<RoleView>>(server, h => h.HandleAsync(carol, "team-a", approver, CancellationToken.None));
        Assert.Equal("privilege_escalation", refused.Error?.Code);

        var within = new RoleDefinition("Curator", null, [new RoleLine("dataset", "*", "MANAGE")], [Capabilities.ManageTokens]);
        var created = await AccessTestData.AsAsync<CreateRole, Result<RoleView>>(server, h => h.HandleAsync(carol, "team-a", within, CancellationToken.None));
        Assert.True(created.IsSuccess, created.Error?.Message);

        var widened = within with { Capabilities = [Capabilities.AuditExport] };
        var update = await AccessTestData.AsAsync<UpdateRole, Result<RoleView>>(server, h => h.HandleAsync(carol, "team-a", "Curator", widened, CancellationToken.None));
        Assert.Equal("privilege_escalation", update.Error?.Code);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_workspace_admin_cannot_bind_roles_beyond_their_own_or_in_another_workspace(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var b = await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var carol = await AccessTestData.AddUserAsync(server, "carol");
        var dave = await AccessTestData.AddUserAsync(server, "dave");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, carol);
        await AccessTestData.BindAsync(server, b, BuiltinRoles.ViewerId, carol);

        var inOwn = await AccessTestData.AsAsync<CreateBinding, Result<BindingView>>(
            server, h => h.HandleAsync(carol, "team-a", "Workspace Admin", "dave", null, CancellationToken.None));
        Assert.True(inOwn.IsSuccess, inOwn.Error?.Message);

        var approver = await AccessTestData.AsAsync<CreateBinding, Result<BindingView>>(
            server, h => h.HandleAsync(carol, "team-a", "Approver", "dave", null, CancellationToken.None));
        Assert.Equal("privilege_escalation", approver.Error?.Code);

        var elsewhere = await AccessTestData.AsAsync<CreateBinding, Result<BindingView>>(
            server, h => h.HandleAsync(carol, "team-b", "Workspace Admin", "carol", null, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, elsewhere.Error?.Kind);
        Assert.Null(await AccessTestData.LevelAsync(server, dave, b, ResourceTypes.Experiment, "1"));
        Assert.Equal(Permission.Read, await AccessTestData.LevelAsync(server, carol, b, ResourceTypes.Workspace, "*"));

        var grant = await AccessTestData.AsAsync<SetGrant, Result<GrantView>>(
            server, h => h.HandleAsync(carol, "team-b", "carol", null, "experiment", "1", "MANAGE", CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, grant.Error?.Kind);
        var roles = await AccessTestData.AsAsync<ListRoles, Result<List<RoleView>>>(server, h => h.HandleAsync(dave, "team-b", CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, roles.Error?.Kind);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_token_capped_at_READ_cannot_administer_even_for_a_workspace_admin(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var carol = await AccessTestData.AddUserAsync(server, "carol");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, carol);
        var capped = carol with { TokenMaxPermission = Permission.Read };

        var listed = await AccessTestData.AsAsync<ListBindings, Result<List<BindingView>>>(server, h => h.HandleAsync(capped, "team-a", CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, listed.Error?.Kind);
        var bound = await AccessTestData.AsAsync<CreateBinding, Result<BindingView>>(server, h => h.HandleAsync(capped, "team-a", "Viewer", "carol", null, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, bound.Error?.Kind);
    }
}
