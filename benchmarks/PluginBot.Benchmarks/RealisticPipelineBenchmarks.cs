using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Benchmarks;

/// <summary>
/// The pipeline's share of a request whose handler does real work — one indexed SQLite read, the least any
/// feature handler does — through the five kernel behaviours vs calling that handler directly.
/// </summary>
[MemoryDiagnoser]
public class RealisticPipelineBenchmarks
{
    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private IActorAccessor _actor = null!;
    private IMediator _mediator = null!;
    private IRequest<int> _request = null!;
    private Func<CancellationToken, Task<int>> _handler = null!;
    private Actor[] _actors = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var root = BenchHost.CreateRoot();
        _host = await BenchHost.BuildAsync(root, BenchPlugin.CreatePluginsFolder(root));
        var types = PluginTypes.Load(_host.Services, "bench");
        _request = (IRequest<int>)Activator.CreateInstance(types.Lookup, 1)!;
        _actors = [.. BenchHost.UserIds.Select(id => new Actor(id, ActorKind.User, "bench"))];

        _scope = _host.Services.CreateAsyncScope();
        _actor = _scope.ServiceProvider.GetRequiredService<IActorAccessor>();
        _mediator = _scope.ServiceProvider.GetRequiredService<IMediator>();
        _handler = HandlerCall.Bind(_scope.ServiceProvider, types.Lookup, _request);
        foreach (var actor in _actors)
        {
            _actor.Current = actor;
            await _mediator.Send(_request);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "SQLite-reading handler called directly")]
    public Task<int> Direct()
    {
        _actor.Current = NextActor();
        return _handler(CancellationToken.None);
    }

    [Benchmark(Description = "IMediator.Send, 5 kernel behaviours")]
    public Task<int> SendThroughPipeline()
    {
        _actor.Current = NextActor();
        return _mediator.Send(_request);
    }

    private Actor NextActor() => _actors[_next++ % _actors.Length];
}
