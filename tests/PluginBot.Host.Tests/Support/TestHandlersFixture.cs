using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Abstractions;
using PluginBot.Host.Events;
using PluginBot.Host.Identity;
using PluginBot.Host.Mediator;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Support;

/// <summary>
/// The real host plus the request and event handlers defined in this test assembly (registered the way the
/// loader registers a plugin's), a fake clock, and a one-second event handler time-out.
/// </summary>
public class TestHandlersFixture : HostFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>False when only the tests run the outbox dispatcher (see <see cref="DrivenOutboxFixture"/>).</summary>
    protected virtual bool DispatchesOutboxInBackground => true;

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Kernel:EventBus:HandlerTimeoutSeconds"] = "1",

        // No plugin owns plain text here, so the dispatcher's own answer to it can be tested.
        ["Plugins:Chat:Enabled"] = "false",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        HandlerScanner.Scan(services, typeof(TestHandlersFixture).Assembly);
        services.AddButtonAction<Probe.Command>();
        services.AddCommand(Probe.Descriptor);
        services.AddCommand(ViewProbe.Descriptor);
        services.AddButtonAction<ViewProbe.Query>();
        services.AddCommand(ViewProbe.UnrenderedDescriptor);
        services.AddReplyRenderer<ViewProbe.View, ViewProbe.Renderer>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<PluginBot.Abstractions.Replies.IMessengerTransport, RecordingTransport>();
        services.AddSingleton(sp => new PausingUserRows(new UserRows(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddSingleton<IUserRows>(sp => sp.GetRequiredService<PausingUserRows>());
        if (!DispatchesOutboxInBackground)
        {
            services.WithoutBackgroundLoop<OutboxDispatcher>();
        }
    }
}

/// <summary>
/// The same host, but its outbox dispatcher never runs by itself (no commit signal, no poll): an entry is tried
/// only when a test calls <see cref="OutboxDispatcher.DispatchPendingAsync"/>, so a test decides which dispatch
/// takes which entry.
/// </summary>
public sealed class DrivenOutboxFixture : TestHandlersFixture
{
    protected override bool DispatchesOutboxInBackground => false;
}

[CollectionDefinition(Name)]
public sealed class TestHandlersCollection : ICollectionFixture<TestHandlersFixture>
{
    public const string Name = "test-handlers";
}

[CollectionDefinition(Name)]
public sealed class DrivenOutboxCollection : ICollectionFixture<DrivenOutboxFixture>
{
    public const string Name = "driven-outbox";
}
