using AuthServer.Data;

namespace AuthServer.Tests.Data;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task EnterAsync_WhileATurnIsHeld_WaitsUntilItEnds()
    {
        using var gate = new SqliteWriteGate();
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task ATurnDisposedTwice_EndsOnce()
    {
        using var gate = new SqliteWriteGate();
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);

        first.Dispose();
        first.Dispose();

        var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted); // the second dispose did not end the second turn
        secondTurn.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task AWaiterThatIsCancelled_TakesNoTurn()
    {
        using var gate = new SqliteWriteGate();
        var held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token);
        var next = gate.EnterAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();

        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
