using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance;

public sealed class AccessControlTests
{
    [Fact]
    public async Task Every_route_declares_an_access_rule_or_anonymous_access()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<Slipway.Core.Governance.Access.AccessRule>() is null && e.Metadata.GetMetadata<AnonymousAccess>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Only_health_routes_and_sign_in_are_anonymous()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var anonymous = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AnonymousAccess>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.All(anonymous, route => Assert.True(
            route.StartsWith("/health", StringComparison.Ordinal) || route.StartsWith("/v2/health/", StringComparison.Ordinal) || route == "/api/v1/auth/login" || route.StartsWith("/api/v1/auth/oidc/", StringComparison.Ordinal), route));
    }

    [Fact]
    public async Task Every_route_but_health_answers_401_without_a_token_and_with_a_revoked_one()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        using var anonymous = server.CreateClient(token: null);
        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "to-revoke" });
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
        (await server.Client.DeleteAsync("api/v1/tokens/to-revoke")).EnsureSuccessStatusCode();
        using var revoked = server.CreateClient(secret);

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AnonymousAccess>() is null)
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var path = RouteSamples.Instantiate(route.RoutePattern);
            foreach (var method in RouteSamples.Methods(route))
            {
                foreach (var client in new[] { anonymous, revoked })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    using var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.DoesNotContain(server.Logs, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(server.AdminToken, StringComparison.Ordinal));
    }
}
