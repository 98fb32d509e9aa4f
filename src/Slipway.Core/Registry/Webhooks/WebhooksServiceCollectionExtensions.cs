using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Outbound;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhooks: options, the SSRF-safe HTTP client, secret protection, the outbox and the delivery worker.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            return new OutboundTargetPolicy(options.AllowHttp, options.AllowedHosts);
        });

        // The key ring lives in the database so that every replica decrypts what another encrypted.
        services.AddDataProtection().SetApplicationName("Slipway").PersistKeysToDbContext<SlipwayDbContext>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<DeliverySignal>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Slipway-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => OutboundHttpHandler.Create(sp.GetRequiredService<OutboundTargetPolicy>()))
            // The factory's default handlers log each request's full URI, and a Slack, Teams or Discord webhook URL
            // carries its secret in the path (governance.md §6.5): the worker logs webhook and delivery ids instead.
            .RemoveAllLoggers();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<CreateWebhook>();
        services.AddScoped<UpdateWebhook>();
        services.AddScoped<DeleteWebhook>();
        services.AddScoped<GetWebhooks>();
        services.AddScoped<TestWebhook>();
        services.AddScoped<ListDeliveries>();
        services.AddScoped<ListRegistryEvents>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
