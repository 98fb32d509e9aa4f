using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Slipway.Core.Tests.Governance.Identity;
using Slipway.Core.Tests.Registry.Webhooks;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>governance.md §8.8, Tokens: "token never appears in logs/audit/exports", nor a webhook secret.</summary>
public sealed class AuditSecretsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Token_never_appears_in_logs_audit_or_exports(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: WebhookTestSupport.LoopbackSettings);
        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "ci" });
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using (var asToken = server.CreateClient(token))
        {
            // The token at work, in both places a client may send it, and once with a typo (refused, audited).
            await new MlflowApi(asToken).OkAsync("experiments/create", new { name = "with-token" });
            using var basic = server.CreateClient(token: null);
            basic.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ci:" + token)));
            await new MlflowApi(basic).GetOkAsync("experiments/get-by-name?experiment_name=with-token");
            using var typo = server.CreateClient(token + "x");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await typo.GetAsync("api/v1/tokens")).StatusCode);
        }

        const string webhookSecret = "whsec-do-not-leak-7f3a9c";
        await WebhookTestSupport.CreateMlflowWebhookAsync(new MlflowApi(server.Client), "http://127.0.0.1:9/hook", webhookSecret, ("REGISTERED_MODEL", "CREATED"));
        await new MlflowApi(server.Client).OkAsync("registered-models/create", new { name = "fraud" });
        (await server.Client.DeleteAsync("api/v1/tokens/ci")).EnsureSuccessStatusCode();

        var jsonl = await server.Client.GetStringAsync("api/v1/audit/export?format=jsonl");
        var cef = await server.Client.GetStringAsync("api/v1/audit/export?format=cef");
        var events = await AuditTestSupport.EventsAsync(server.Client);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "api_token.create");
        Assert.Contains("api_token.revoke", jsonl, StringComparison.Ordinal);
        Assert.Contains("|api_token.create|", cef, StringComparison.Ordinal);

        var everything = new Dictionary<string, string>
        {
            ["jsonl export"] = jsonl,
            ["cef export"] = cef,
            ["events"] = string.Join('\n', events.Select(e => e.GetRawText())),
            ["server log"] = string.Join('\n', server.Logs),
        };
        foreach (var (where, text) in everything)
        {
            foreach (var secret in new[] { token, token[..^6], server.AdminToken, webhookSecret })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret appears in the {where}.");
            }
        }
    }

    /// <summary>governance.md §8.8: no password, recovery code or TOTP secret in logs, audit events or exports.</summary>
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Passwords_recovery_codes_and_totp_secrets_never_appear_in_logs_audit_or_exports(Provider provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await SlipwayTestServer.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        using var api = new IdentityApi(server);

        // The admin sets a password, enrols TOTP and gets recovery codes; signs in with a code and with a recovery code.
        var (secret, recovery) = await api.EnrolAdminAsync(clock);
        await api.SignInAsync("admin", totp: IdentityApi.Code(secret, clock, 0));
        await api.SignInAsync("admin", recovery: recovery[0]);

        // Another user's password set by the admin, then typos: a wrong password, and a password typed as the user name.
        const string alicePassword = "quiet-harbour-lantern-31";
        await api.CreateUserAsync("alice", alicePassword);
        (await api.LoginAsync("alice", alicePassword + "x")).Dispose();
        (await api.LoginAsync(alicePassword, alicePassword)).Dispose();
        (await api.LoginAsync("admin", IdentityApi.Password, totp: "000000")).Dispose();

        var jsonl = await server.Client.GetStringAsync("api/v1/audit/export?format=jsonl");
        var cef = await server.Client.GetStringAsync("api/v1/audit/export?format=cef");
        Assert.Contains("\"auth.login\"", jsonl, StringComparison.Ordinal);
        var everything = new Dictionary<string, string>
        {
            ["jsonl export"] = jsonl,
            ["cef export"] = cef,
            ["server log"] = string.Join('\n', server.Logs),
        };
        var secrets = new List<string> { IdentityApi.Password, alicePassword, secret, secret.ToLowerInvariant() };
        secrets.AddRange(recovery);
        secrets.AddRange(recovery.Select(c => c.Replace("-", "", StringComparison.Ordinal)));
        foreach (var (where, text) in everything)
        {
            foreach (var value in secrets.Where(v => v.Length >= 8))
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"A password, TOTP secret or recovery code appears in the {where}.");
            }
        }
    }
}
