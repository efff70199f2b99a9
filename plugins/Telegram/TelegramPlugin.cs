using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Operations;
using PluginBot.Plugins.Telegram.Replies;
using PluginBot.Plugins.Telegram.Sending;
using PluginBot.Plugins.Telegram.Storage;
using PluginBot.Plugins.Telegram.Updates;

namespace PluginBot.Plugins.Telegram;

/// <summary>
/// The Telegram transport: receives updates (long polling or webhook) into a durable inbox, runs them per
/// conversation through the kernel's dispatcher, and writes every reply through one flood-aware sender.
/// </summary>
public sealed class TelegramPlugin : IPlugin, IEndpointContributor, IHealthCheckContributor
{
    private TelegramSettings? _settings;

    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Validated now, so that bad settings leave the plugin NotConfigured; the bot takes the values current at start.
        var settings = _settings = TelegramSettings.From(context.AddValidatedOptions(services, new TelegramOptionsValidator(context.SettingName)));
        services.AddSingleton(provider => TelegramSettings.From(provider.GetRequiredService<IOptionsMonitor<TelegramOptions>>().CurrentValue));
        services.AddPluginDbContext<TelegramDbContext>(context);
        services.AddScoped<UpdateInbox>();

        services.AddSingleton<TelegramMetrics>();
        services.AddSingleton<TelegramBot>();
        services.AddSingleton(sp => new SendSchedule(settings.Limits, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FloodAwareSender>();
        services.AddSingleton<LiveReplies>();
        services.AddSingleton<TelegramTransport>();
        services.AddSingleton<IMessengerTransport>(sp => sp.GetRequiredService<TelegramTransport>());
        services.AddButtonAction<StopAnswer.Command>();

        services.AddSingleton<IConversationRoleTransport, ChatAdministrators>();
        services.AddSingleton<Refusals>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<UpdateQueues>();
        services.AddSingleton<CommandMenu>();
        services.AddSingleton<UpdateReceiver>();
        services.AddHostedService(sp => sp.GetRequiredService<UpdateReceiver>());

        context.Logger.LogInformation(
            "Telegram: Bot API at {ApiUrl}, {Mode}",
            settings.ApiUrlForDisplay,
            settings.WebhookUrlForDisplay is { } url ? $"webhook at {url}" : "long polling");
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        if (_settings is not null)
        {
            WebhookEndpoint.Map(endpoints, _settings);
        }
    }

    public void AddHealthChecks(IHealthChecksBuilder builder) => builder.AddCheck<TelegramHealthCheck>("bot-api");
}
