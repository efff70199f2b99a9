using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Identity;

namespace PluginBot.Benchmarks;

/// <summary>
/// One trivial request (not audited, sent by an allowed user) through the real host's mediator and the five
/// kernel behaviours, against calling its handler directly and against MediatR with no behaviours at all; and,
/// as its own group, a request whose handler does the least real work a feature does (one indexed SQLite read).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineBenchmarks
{
    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private ActorAccessor _actor = null!;
    private IMediator _mediator = null!;
    private MediatR.Mediator _bareMediator = null!;
    private IRequest<int> _request = null!;
    private Func<CancellationToken, Task<int>> _handler = null!;
    private IRequest<int> _lookup = null!;
    private Func<CancellationToken, Task<int>> _lookupHandler = null!;
    private Actor[] _actors = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var root = BenchHost.CreateRoot();
        _host = await BenchHost.BuildAsync(root, BenchPlugin.CreatePluginsFolder(root));
        var types = PluginTypes.Load(_host.Services, "bench");
        _request = (IRequest<int>)Activator.CreateInstance(types.Query, 1)!;
        _actors = [.. BenchHost.UserIds.Select(id => new Actor(id, ActorKind.User, "bench"))];

        _scope = _host.Services.CreateAsyncScope();
        _actor = _scope.ServiceProvider.GetRequiredService<ActorAccessor>();
        _mediator = _scope.ServiceProvider.GetRequiredService<IMediator>();
        _bareMediator = new MediatR.Mediator(SelectedBehaviours.None(_scope.ServiceProvider, types.Query, typeof(int)));
        _handler = HandlerCall.Bind(_scope.ServiceProvider, types.Query, _request);
        _lookup = (IRequest<int>)Activator.CreateInstance(types.Lookup, 1)!;
        _lookupHandler = HandlerCall.Bind(_scope.ServiceProvider, types.Lookup, _lookup);

        // Warm the user directory's cache for every actor, and check the pipeline really runs.
        foreach (var actor in _actors)
        {
            _actor.Current = actor;
            if (await _mediator.Send(_request) != 1)
            {
                throw new InvalidOperationException("The benchmark request did not reach its handler.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [BenchmarkCategory("trivial handler")]
    [Benchmark(Baseline = true, Description = "handler called directly")]
    public Task<int> Direct()
    {
        _actor.Current = NextActor();
        return _handler(CancellationToken.None);
    }

    [BenchmarkCategory("trivial handler")]
    [Benchmark(Description = "MediatR Send, no behaviours")]
    public Task<int> SendWithoutBehaviours()
    {
        _actor.Current = NextActor();
        return _bareMediator.Send(_request);
    }

    [BenchmarkCategory("trivial handler")]
    [Benchmark(Description = "IMediator.Send, 5 kernel behaviours")]
    public Task<int> SendThroughPipeline()
    {
        _actor.Current = NextActor();
        return _mediator.Send(_request);
    }

    [BenchmarkCategory("trivial handler")]
    [Benchmark(Description = "new scope + IMediator.Send, 5 kernel behaviours")]
    public async Task<int> SendInNewScope()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = NextActor();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_request);
    }

    [BenchmarkCategory("SQLite-reading handler")]
    [Benchmark(Baseline = true, Description = "SQLite-reading handler called directly")]
    public Task<int> LookupDirect()
    {
        _actor.Current = NextActor();
        return _lookupHandler(CancellationToken.None);
    }

    [BenchmarkCategory("SQLite-reading handler")]
    [Benchmark(Description = "SQLite-reading handler: IMediator.Send, 5 kernel behaviours")]
    public Task<int> LookupThroughPipeline()
    {
        _actor.Current = NextActor();
        return _mediator.Send(_lookup);
    }

    private Actor NextActor() => _actors[_next++ & (BenchHost.UserIds.Length - 1)];
}
