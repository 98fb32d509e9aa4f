using System.Text.Json;
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
}
