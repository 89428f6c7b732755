package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SlicesTests {

	@Test
	void everyRowIsHandedOnOnceInOrderAndTheLastSliceHoldsWhatIsLeft() {
		List<Integer> rows = IntStream.rangeClosed(1, 7).boxed().toList();
		List<List<Integer>> slices = new ArrayList<>();
		Slices.each(rows, 3, slice -> slices.add(List.copyOf(slice)));
		assertThat(slices).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
	}

	@Test
	void anEmptyListWritesNothingAndASliceOfNoRowsIsRefused() {
		List<List<Integer>> slices = new ArrayList<>();
		Slices.each(List.<Integer>of(), 3, slices::add);
		assertThat(slices).isEmpty();
		assertThatThrownBy(() -> Slices.each(List.of(1), 0, slices::add)).isInstanceOf(IllegalArgumentException.class);
	}
}
