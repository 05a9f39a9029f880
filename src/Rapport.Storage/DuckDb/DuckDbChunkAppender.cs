using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// An Appender fed whole DuckDB data chunks, which one thread fills and another appends. DuckDB.NET's Appender fills
/// its chunk and hands it to DuckDB on the same thread, so a bulk import's writer did both, and the writer is the
/// import's longest chain of work; now the resolving thread fills the chunks and the writer only appends them
/// (docs/benchmarks.md, seventh round).
/// </summary>
/// <remarks>
/// Columns are filled by position with the table's own column types, read from the Appender, so that JSON columns
/// take text as they are and no cast runs. Text is encoded by .NET, which always yields valid UTF-8, so DuckDB's
/// check of each string is skipped.
/// </remarks>
internal sealed unsafe class DuckDbChunkAppender : IDisposable
{
    /// <summary>DuckDB's vector size: the rows one data chunk holds.</summary>
    public static readonly int RowsPerChunk = (int)NativeMethods.Helpers.DuckDBVectorSize();

    private readonly DuckDBConnection _connection;
    private readonly string _table;
    private readonly DuckDBLogicalType[] _types;
    private readonly IntPtr[] _typeHandles;
    private readonly ConcurrentQueue<DuckDBDataChunk> _free = new();

    /// <summary>Chunks are filled on one thread at a time, so they share one buffer for text.</summary>
    private readonly Utf8Scratch _utf8 = new();
    private NativeAppender? _appender;

    public DuckDbChunkAppender(DuckDBConnection connection, string table)
    {
        _connection = connection;
        _table = table;
        _appender = Open();
        var count = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_appender);
        _types = new DuckDBLogicalType[count];
        _typeHandles = new IntPtr[count];
        for (var i = 0; i < count; i++)
        {
            _types[i] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)i);
            _typeHandles[i] = _types[i].DangerousGetHandle();
        }
    }

    public int ColumnCount => _types.Length;

    /// <summary>A chunk to fill, from those the writer has appended and given back, or a new one.</summary>
    /// <remarks>
    /// A chunk given back is emptied here, on the filling thread, rather than by the writer: its text was allocated by
    /// this thread, and memory freed by another thread cost the allocator dearly (measured: a third more system time).
    /// </remarks>
    public Chunk Rent()
    {
        if (_free.TryDequeue(out var chunk))
        {
            NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
            return new Chunk(chunk, this);
        }

        return new Chunk(NativeMethods.DataChunks.DuckDBCreateDataChunk(_typeHandles, (ulong)_typeHandles.Length), this);
    }

    /// <summary>
    /// Appends a filled chunk (DuckDB copies its rows) and takes it back for filling again. The Appender opens again
    /// after a <see cref="Flush"/>; like every use of the connection, on one thread at a time.
    /// </summary>
    public void Append(Chunk chunk)
    {
        try
        {
            _appender ??= Open();
            if (chunk.Rows > 0 && NativeMethods.Appender.DuckDBAppendDataChunk(_appender, chunk.Native) != DuckDBState.Success)
            {
                throw new DuckDbAppendException(_table, ErrorOf(_appender));
            }
        }
        finally
        {
            Return(chunk);
        }
    }

    private void Return(Chunk chunk) => _free.Enqueue(chunk.Native);

    /// <summary>Flushes the rows appended so far to the table and closes the Appender: SQL sees them now.</summary>
    public void Flush()
    {
        if (_appender is not { } appender)
        {
            return;
        }

        _appender = null;
        using (appender)
        {
            if (NativeMethods.Appender.DuckDBAppenderClose(appender) != DuckDBState.Success)
            {
                throw new DuckDbAppendException(_table, ErrorOf(appender));
            }
        }
    }

    public void Dispose()
    {
        _appender?.Dispose();
        _appender = null;
        while (_free.TryDequeue(out var chunk))
        {
            chunk.Dispose();
        }

        foreach (var type in _types)
        {
            type.Dispose();
        }
    }

    private NativeAppender Open()
    {
        if (NativeMethods.Appender.DuckDBAppenderCreate(_connection.NativeConnection, null, _table, out var appender) != DuckDBState.Success)
        {
            var error = ErrorOf(appender);
            appender.Dispose();
            throw new DuckDbAppendException(_table, error);
        }

        return appender;
    }

    private static string ErrorOf(NativeAppender appender)
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }

    /// <summary>
    /// One chunk being filled, row by row; a row's columns may be set in any order. Every column of every row must be
    /// set, text to a value or to null. Not for use by two threads at once.
    /// </summary>
    internal sealed class Chunk
    {
        private readonly IntPtr[] _vectors;
        private readonly void*[] _data;
        private readonly ulong*[] _validity;
        private readonly Utf8Scratch _utf8;

        public Chunk(DuckDBDataChunk native, DuckDbChunkAppender owner)
        {
            Native = native;
            _utf8 = owner._utf8;
            var count = owner.ColumnCount;
            _vectors = new IntPtr[count];
            _data = new void*[count];
            _validity = new ulong*[count];
            for (var i = 0; i < count; i++)
            {
                _vectors[i] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(native, i);
                _data[i] = NativeMethods.Vectors.DuckDBVectorGetData(_vectors[i]);
            }
        }

        public DuckDBDataChunk Native { get; }

        public int Rows { get; private set; }

        public bool IsFull => Rows == RowsPerChunk;

        /// <summary>Starts the next row; returns its index.</summary>
        public int NextRow() => Rows++;

        public void SetInt32(int column, int row, int value) => ((int*)_data[column])[row] = value;

        public void SetInt64(int column, int row, long value) => ((long*)_data[column])[row] = value;

        /// <summary>A TIMESTAMP: microseconds since the Unix epoch, as DuckDB.NET writes a <see cref="DateTime"/>.</summary>
        public void SetTimestamp(int column, int row, DateTime value) =>
            ((long*)_data[column])[row] = (value.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

        /// <summary>
        /// A UUID: DuckDB keeps it as a 128-bit integer of its big-endian bytes with the top bit flipped, so that
        /// UUIDs sort as their text does; lower half first.
        /// </summary>
        public void SetUuid(int column, int row, Guid value)
        {
            Span<byte> bytes = stackalloc byte[16];
            value.TryWriteBytes(bytes, bigEndian: true, out _);
            var slot = (ulong*)_data[column] + (2 * row);
            slot[0] = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
            slot[1] = BinaryPrimitives.ReadUInt64BigEndian(bytes) ^ 0x8000_0000_0000_0000UL;
        }

        /// <summary>Text, or NULL for <c>null</c>; the empty string stays an empty string.</summary>
        public void SetText(int column, int row, string? value)
        {
            if (value is null)
            {
                SetNull(column, row);
                return;
            }

            if (_validity[column] is var mask && mask != null)
            {
                mask[row >> 6] |= 1UL << (row & 63);
            }

            var text = _utf8.Encode(value);
            fixed (byte* utf8 = &MemoryMarshal.GetReference(text))
            {
                NativeMethods.Vectors.DuckDBUnsafeVectorAssignStringElementLength(_vectors[column], (ulong)row, utf8, text.Length);
            }
        }

        /// <summary>Marks the chunk's rows as filled, for <see cref="DuckDbChunkAppender.Append"/>.</summary>
        public Chunk Complete()
        {
            NativeMethods.DataChunks.DuckDBDataChunkSetSize(Native, (ulong)Rows);
            return this;
        }

        private void SetNull(int column, int row)
        {
            if (_validity[column] == null)
            {
                // A reset chunk has no validity mask until one is asked for; this one starts with every row valid.
                NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[column]);
                _validity[column] = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[column]);
            }

            _validity[column][row >> 6] &= ~(1UL << (row & 63));
        }
    }
}
