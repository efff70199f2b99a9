using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Events;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;
using PluginBot.Abstractions.Storage;
using PluginBot.Host.Commands;
using PluginBot.Host.Configuration;
using PluginBot.Host.Events;
using PluginBot.Host.Http;
using PluginBot.Host.Identity;
using PluginBot.Host.Mediator;
using PluginBot.Host.Messaging;
using PluginBot.Host.Pipeline;
using PluginBot.Host.Plugins;
using PluginBot.Host.Settings;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Hosting;

/// <summary>Everything the kernel registers, in one place.</summary>
internal static class KernelServices
{
    public static void Add(IServiceCollection services, KernelSettings settings, ProjectRegistry projects, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProjectRegistry>(projects);

        // Storage: one connection per scope shared by every context in it.
        services.AddSingleton(new SqliteDatabase(settings.ConnectionString, settings.Synchronous));
        // A factory, not an instance: the container disposes what it made, which releases the lock with the host.
        services.AddSingleton(_ => new DataFolderLock(settings.DataDirectory));
        services.AddScoped<ScopedConnection>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<IPluginDatabase, PluginDatabase>();
        services.AddDbContext<KernelDbContext>((provider, options) => provider.GetRequiredService<IPluginDatabase>()
            .Configure(options, StorageConventions.MigrationsHistoryTable(KernelDbContext.PluginId)));
        services.AddSingleton<MigrationRunner>();

        // Identity.
        services.AddScoped<ActorAccessor>();
        services.AddScoped<IActorAccessor>(sp => sp.GetRequiredService<ActorAccessor>());
        services.AddSingleton<IRequestSender, RequestSender>();
        services.AddSingleton<IUserRows, UserRows>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<IUserDirectory>(sp => sp.GetRequiredService<UserDirectory>());
        services.AddScoped<UserStore>();
        services.AddScoped<UserSeeder>();
        services.AddScoped<ApiTokenService>();

        // Mediator, pipeline and event bus.
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, KernelMediator>();
        services.AddSingleton<IsolatedEventPublisher>();
        services.AddSingleton<EventBusStatistics>();
        services.AddSingleton(_ => new NotificationHandlerCatalog(services));
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<RefusalThrottle>();
        services.AddKernelPipeline();

        // Outbox.
        services.AddScoped<IOutbox, Outbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<KernelMaintenance>();

        // Commands, buttons, messaging, settings.
        services.AddSingleton<PrivateDelivery>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ICommandDispatcher>(sp => sp.GetRequiredService<CommandDispatcher>());
        services.AddScoped<IButtonTokens, ButtonTokens>();
        services.AddSingleton<IMessenger, Messenger>();
        services.AddSingleton<IConversationRoles, ConversationRoles>();
        services.AddScoped<ISettingsStore, SettingsStore>();
        services.AddCommand(Help.Descriptor);
        services.AddCommand(Start.Descriptor);
        services.AddCommand(WhoAmI.Descriptor);
        services.AddCommand(ListPlugins.Descriptor);
        services.AddCommand(AllowUser.Descriptor);
        services.AddCommand(DenyUser.Descriptor);
        services.AddCommand(ListUsers.Descriptor);
        HandlerScanner.Scan(services, typeof(KernelServices).Assembly, includeBehaviours: false);

        // Models: the router is a plugin's (Models); until one registers, model calls fail saying it is not active.
        services.AddScoped<IModelRouter, NoModelRouter>();

        // HTTP.
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorResponses>();
        services.AddSingleton(sp => new HealthCheckCache(sp.GetRequiredService<TimeProvider>(), settings.HealthCacheDuration));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [PluginHealthChecksBuilder.ReadyTag]);
    }
}
