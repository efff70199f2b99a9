using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Identity;
using PluginBot.Host.Mediator;

namespace PluginBot.Benchmarks;

/// <summary>One event published through the real host's mediator to ten trivial handlers, each isolated in its own scope.</summary>
[MemoryDiagnoser]
public class PublishBenchmarks
{
    private const int Handlers = 10;

    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private IMediator _mediator = null!;
    private INotification _event = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var root = BenchHost.CreateRoot();
        _host = await BenchHost.BuildAsync(root, BenchPlugin.CreatePluginsFolder(root));
        var types = PluginTypes.Load(_host.Services, "bench");
        _event = (INotification)Activator.CreateInstance(types.Event, 1)!;
        var handlers = _host.Services.GetRequiredService<NotificationHandlerCatalog>().HandlersFor(types.Event).Count;
        if (handlers != Handlers)
        {
            throw new InvalidOperationException($"Expected {Handlers} handlers for the benchmark event, found {handlers}.");
        }

        _scope = _host.Services.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = new Actor(BenchHost.UserIds[0], ActorKind.User, "bench");
        _mediator = _scope.ServiceProvider.GetRequiredService<IMediator>();
        await _mediator.Publish(_event);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var statistics = _host.Services.GetRequiredService<EventBusStatistics>();
        if (statistics.Failures + statistics.Timeouts > 0)
        {
            throw new InvalidOperationException($"{statistics.Failures} handler failures and {statistics.Timeouts} time-outs while publishing.");
        }

        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Benchmark(Description = "IMediator.Publish, 10 isolated handlers")]
    public Task Publish() => _mediator.Publish(_event);
}
