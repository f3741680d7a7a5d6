import { html, type SafeHtml } from './html.js';

/**
 * A data table as both admin pages show one: in a scrolling region a keyboard can reach and a
 * screen reader names, with a caption read out but not shown, and a header cell per column.
 * @param t
 * @param t.label   the region's accessible name
 * @param t.caption what the rows are, and in which order
 * @param t.columns the column headers
 * @param t.rows    one `<tr>` each
 */
export function dataTable( t: {
	label: string;
	caption: string;
	columns: string[];
	rows: SafeHtml[];
} ): SafeHtml {
	return html`<div
		class="scroll"
		tabindex="0"
		role="region"
		aria-label="${ t.label }"
	>
		<table>
			<caption class="visually-hidden">
				${ t.caption }
			</caption>
			<thead>
				<tr>
					${ t.columns.map(
						( c ) => html`<th scope="col">${ c }</th>`
					) }
				</tr>
			</thead>
			<tbody>
				${ t.rows }
			</tbody>
		</table>
	</div>`;
}
