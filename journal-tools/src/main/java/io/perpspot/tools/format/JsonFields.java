package io.perpspot.tools.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perpspot.engine.core.FixedPoint;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes fields into the current JSON object of a generator: fixed-point values as exact
 * decimal strings ({@code "0.0000216"}), statistics as plain JSON numbers (never an exponent),
 * absent values as {@code null}.
 */
public final class JsonFields implements FieldSink {
    private final JsonGenerator g;

    public JsonFields(JsonGenerator generator) {
        this.g = generator;
    }

    @Override
    public void price(String name, long units) {
        fixed(name, units, FixedPoint.PRICE_DECIMALS);
    }

    @Override
    public void size(String name, long units) {
        fixed(name, units, FixedPoint.SIZE_DECIMALS);
    }

    private void fixed(String name, long units, int decimals) {
        try {
            if (units == FixedPoint.NULL) {
                g.writeNullField(name);
            } else {
                g.writeStringField(name, FixedPoint.toString(units, decimals));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void integer(String name, long value, boolean absent) {
        try {
            if (absent) {
                g.writeNullField(name);
            } else {
                g.writeNumberField(name, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decimal(String name, double value) {
        try {
            String s = Numbers.plain(value);
            g.writeFieldName(name);
            if (s == null) {
                g.writeNull();
            } else {
                // Raw numeric text: Jackson would otherwise print 1.0E-5.
                g.writeNumber(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String name, String value) {
        try {
            if (value == null) {
                g.writeNullField(name);
            } else {
                g.writeStringField(name, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
        try {
            g.writeArrayFieldStart(name);
            for (int i = 0; i < count; i++) {
                g.writeStartObject();
                fixed("px", px[i], FixedPoint.PRICE_DECIMALS);
                fixed("sz", sz[i], FixedPoint.SIZE_DECIMALS);
                g.writeNumberField("n", orders[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
