package org.csirtdesk.support;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A CDI event without CDI, for a unit test of a bean that fires one: each {@link #fire} calls the observers the test
 * gave, in order, in the firing thread, as synchronous observers are called. Events are recorded. The test's
 * observers see every event, whatever qualifiers it was selected with: routing by qualifier is CDI's part.
 */
public final class Observers<T> implements Event<T> {

    private final List<Consumer<T>> observers;
    private final List<T> fired = new CopyOnWriteArrayList<>();

    @SafeVarargs
    public Observers(Consumer<T>... observers) {
        this.observers = List.of(observers);
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observers.forEach(observer -> observer.accept(event));
    }

    public List<T> fired() {
        return fired;
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("no asynchronous observers in a unit test");
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("no asynchronous observers in a unit test");
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in a unit test");
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in a unit test");
    }
}
