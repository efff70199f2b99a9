using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Benchmarks;

/// <summary>
/// One trivial request (not audited, sent by an allowed user) through the real host's mediator and the five
/// kernel behaviours, against calling its handler directly and against MediatR with no behaviours at all.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private IActorAccessor _actor = null!;
    private IMediator _mediator = null!;
    private MediatR.Mediator _bareMediator = null!;
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
        _request = (IRequest<int>)Activator.CreateInstance(types.Query, 1)!;
        _actors = [.. BenchHost.UserIds.Select(id => new Actor(id, ActorKind.User, "bench"))];

        _scope = _host.Services.CreateAsyncScope();
        _actor = _scope.ServiceProvider.GetRequiredService<IActorAccessor>();
        _mediator = _scope.ServiceProvider.GetRequiredService<IMediator>();
        _bareMediator = new MediatR.Mediator(SelectedBehaviours.None(_scope.ServiceProvider, types.Query, typeof(int)));
        _handler = HandlerCall.Bind(_scope.ServiceProvider, types.Query, _request);

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

    [Benchmark(Baseline = true, Description = "handler called directly")]
    public Task<int> Direct()
    {
        _actor.Current = NextActor();
        return _handler(CancellationToken.None);
    }

    [Benchmark(Description = "MediatR Send, no behaviours")]
    public Task<int> SendWithoutBehaviours()
    {
        _actor.Current = NextActor();
        return _bareMediator.Send(_request);
    }

    [Benchmark(Description = "IMediator.Send, 5 kernel behaviours")]
    public Task<int> SendThroughPipeline()
    {
        _actor.Current = NextActor();
        return _mediator.Send(_request);
    }

    [Benchmark(Description = "new scope + IMediator.Send, 5 kernel behaviours")]
    public async Task<int> SendInNewScope()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current = NextActor();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_request);
    }

    private Actor NextActor() => _actors[_next++ & (BenchHost.UserIds.Length - 1)];
}
