package org.banzi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** One page of a list held whole: where it starts and ends, and what a page before the first or past the last shows. */
class PageTests {

	List<Integer> seven = List.of(1, 2, 3, 4, 5, 6, 7);

	@Test
	void aPageTakesItsShareAndTheLastTakesWhatIsLeft() {
		Page<Integer> second = Page.of(seven, 1, 3);
		assertThat(second.items()).containsExactly(4, 5, 6);
		assertThat(second.total()).isEqualTo(7);
		assertThat(second.totalPages()).isEqualTo(3);
		assertThat(second.hasPrevious()).isTrue();
		assertThat(second.hasNext()).isTrue();
		Page<Integer> last = Page.of(seven, 2, 3);
		assertThat(last.items()).containsExactly(7);
		assertThat(last.hasNext()).isFalse();
	}

	@Test
	void aPageBeforeTheFirstIsTheFirstAndOnePastTheLastIsEmptyButCountsAll() {
		Page<Integer> before = Page.of(seven, -4, 3);
		assertThat(before.number()).isZero();
		assertThat(before.items()).containsExactly(1, 2, 3);
		Page<Integer> past = Page.of(seven, Integer.MAX_VALUE, 3);
		assertThat(past.items()).isEmpty();
		assertThat(past.total()).isEqualTo(7);
		assertThat(past.hasPrevious()).isTrue();
	}
}
