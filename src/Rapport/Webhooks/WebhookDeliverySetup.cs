using Rapport.Storage;

namespace Rapport.Webhooks;

/// <summary>The web host's webhook delivery: one deliverer, the signal that wakes it, and the background service.</summary>
internal static class WebhookDeliverySetup
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IRapportStore store, TimeProvider clock, bool allowPrivateNetworkUrls)
    {
        services.AddSingleton(new WebhookDeliveryOptions());
        services.AddSingleton<WebhookDeliverySignal>();
        services.AddSingleton(provider => new WebhookDeliverer(
            store, WebhookDeliverer.CreateHttpClient(allowPrivateNetworkUrls), clock, provider.GetRequiredService<WebhookDeliveryOptions>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<WebhookDeliverer>()));
        services.AddHostedService<WebhookDeliveryService>();
        return services;
    }
}
