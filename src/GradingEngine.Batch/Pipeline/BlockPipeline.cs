using System.Runtime.ExceptionServices;
using GradingEngine.Batch.Input;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Reads a file block by block on one thread, processes blocks on <c>threads</c> workers, and hands the processed
/// blocks to <c>commit</c> strictly in file order on the calling thread. A fixed pool of work items bounds memory
/// whatever the file's size; committing in order is what makes output byte-identical on 1 or N threads.
/// </summary>
/// <remarks>
/// Dedicated threads and monitor-based queues, not the thread pool: a hand-off costs a wake-up, never a pool
/// thread spinning for work on a machine with few cores.
/// </remarks>
internal static class BlockPipeline
{
    /// <typeparam name="TWork">Per-block state: the block plus whatever a worker produces from it.</typeparam>
    public static void Run<TWork>(
        RecordFileReader reader,
        int threads,
        Func<TWork> newWork,
        Func<TWork, RecordBlock> blockOf,
        Action<TWork, int> process,
        Action<TWork> commit,
        CancellationToken cancellationToken,
        int? blocks = null) // blocks in flight at once; by default two per worker and two more
        where TWork : class =>
        Run(reader, threads, newWork, blockOf, process, work =>
        {
            commit(work);
            return [work];
        }, cancellationToken, blocks);

    /// <summary>
    /// As the other overload, but <paramref name="commit"/> may hold a block past its commit: it returns the blocks it
    /// is done with (the one committed, earlier ones it held, or none), and only those are reused. A held block is
    /// replaced in the pool by a new one, so reading goes on; memory grows by the blocks held at once.
    /// </summary>
    public static void Run<TWork>(
        RecordFileReader reader,
        int threads,
        Func<TWork> newWork,
        Func<TWork, RecordBlock> blockOf,
        Action<TWork, int> process,
        Func<TWork, IReadOnlyList<TWork>> commit,
        CancellationToken cancellationToken,
        int? blocks = null)
        where TWork : class
    {
        threads = Math.Max(1, threads);
        var poolSize = Math.Max(1, blocks ?? ((threads * 2) + 2));
        var free = new HandOff<TWork>();
        for (var i = 0; i < poolSize; i++)
        {
            free.Add(newWork());
        }

        var toProcess = new HandOff<TWork>();
        var processed = new HandOff<TWork>();
        Exception? failure = null;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;
        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, e, null);
            failed.Cancel();
        }

        var readerThread = new Thread(() =>
        {
            try
            {
                while (free.Take(token) is { } work)
                {
                    if (!reader.ReadBlock(blockOf(work)))
                    {
                        break;
                    }

                    toProcess.Add(work);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                toProcess.Complete();
            }
        }) { IsBackground = true, Name = "grading reader" };

        var remaining = threads;
        var workers = new Thread[threads];
        for (var w = 0; w < threads; w++)
        {
            var worker = w;
            workers[w] = new Thread(() =>
            {
                try
                {
                    while (toProcess.Take(token) is { } work)
                    {
                        process(work, worker);
                        processed.Add(work);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception e)
                {
                    Fail(e);
                }
                finally
                {
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        processed.Complete();
                    }
                }
            }) { IsBackground = true, Name = "grading worker " + w };
        }

        readerThread.Start();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        // Commit in order on this thread.
        var pending = new SortedDictionary<long, TWork>();
        var spare = new Stack<TWork>();
        long next = 0;
        try
        {
            while (processed.Take(token) is { } work)
            {
                pending.Add(blockOf(work).Sequence, work);
                while (pending.Remove(next, out var ready))
                {
                    foreach (var done in commit(ready))
                    {
                        spare.Push(done);
                    }

                    next++;
                    free.Add(spare.Count > 0 ? spare.Pop() : newWork()); // as many in flight as before
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Fail(e);
        }

        failed.Cancel();
        readerThread.Join();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException("Blocks were processed but not committed.");
        }
    }

    /// <summary>An unbounded queue between threads (bounded in practice by the fixed pool of work items).</summary>
    private sealed class HandOff<T>
        where T : class
    {
        private readonly Queue<T> _items = new();
        private bool _completed;

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Enqueue(item);
                Monitor.Pulse(_items);
            }
        }

        public void Complete()
        {
            lock (_items)
            {
                _completed = true;
                Monitor.PulseAll(_items);
            }
        }

        /// <summary>The next item; null when completed and empty. Throws when cancelled.</summary>
        public T? Take(CancellationToken token)
        {
            lock (_items)
            {
                while (true)
                {
                    if (_items.TryDequeue(out var item))
                    {
                        return item;
                    }

                    if (_completed)
                    {
                        return null;
                    }

                    token.ThrowIfCancellationRequested();
                    Monitor.Wait(_items, 50);
                }
            }
        }
    }
}
