import datetime
from typing import Any, TypedDict

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_sort_by import CustomerSortBy
from ...models.customer_status import CustomerStatus
from ...models.customer_summary_paged_v1 import CustomerSummaryPagedV1
from ...models.customer_type import CustomerType
from ...models.error_response_v1 import ErrorResponseV1
from ...models.sort_order import SortOrder
from ...types import UNSET, Response, Unset, parse_json, parse_status


class ListCustomersParams(TypedDict, total=False):
    """The parameters of this operation, as ``sync_detailed`` & co. take them (less ``client``).

    For a layer that passes them through: ``**params: Unpack[ListCustomersParams]``.

    Attributes:
        created_from (datetime.datetime | Unset): Start date for filtering by created_at date.
        created_to (datetime.datetime | Unset): End date for filtering by created_at date.
        email (str | Unset): Filter customers by email address.
        external_id (str | Unset): Filter by your system's external_id.
        name (str | Unset): Filter customers by name (partial match).
        page_number (int | Unset): Page number for paginated results. Starts at 1. Default: 1.
        page_size (int | Unset): Number of results per page. Maximum: 1000. Default: 100.
        search_text (str | Unset): General search term to filter customers.
        sort_by (CustomerSortBy | Unset): The field to sort by.
        sort_order (SortOrder | Unset): The sort direction.
        status (list[CustomerStatus] | Unset): Filter customers by their current status.
        types (list[CustomerType] | Unset): Filter by customer type individual or business.
        correlation_id (str | Unset): Modelling: an id of your choosing, echoed back in the
            response headers.
        request_id (str | Unset): Modelling: an id of your choosing for this request, echoed back
            in the response headers.
        straddle_account_id (str | Unset): For platform keys: the account (a UUID) to act on.
            Modelling: a string with a UUID pattern rather than `format: uuid`, which the generator
            cannot send as a header.
    """

    created_from: datetime.datetime | Unset
    created_to: datetime.datetime | Unset
    email: str | Unset
    external_id: str | Unset
    name: str | Unset
    page_number: int | Unset
    page_size: int | Unset
    search_text: str | Unset
    sort_by: CustomerSortBy | Unset
    sort_order: SortOrder | Unset
    status: list[CustomerStatus] | Unset
    types: list[CustomerType] | Unset
    correlation_id: str | Unset
    request_id: str | Unset
    straddle_account_id: str | Unset


def _get_kwargs(
    *,
    created_from: datetime.datetime | Unset = UNSET,
    created_to: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 100,
    search_text: str | Unset = UNSET,
    sort_by: CustomerSortBy | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    status: list[CustomerStatus] | Unset = UNSET,
    types: list[CustomerType] | Unset = UNSET,
    correlation_id: str | Unset = UNSET,
    request_id: str | Unset = UNSET,
    straddle_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(correlation_id, Unset):
        headers["Correlation-Id"] = correlation_id

    if not isinstance(request_id, Unset):
        headers["Request-Id"] = request_id

    if not isinstance(straddle_account_id, Unset):
        headers["Straddle-Account-Id"] = straddle_account_id

    params: dict[str, Any] = {}

    json_created_from: str | Unset = UNSET
    if not isinstance(created_from, Unset):
        json_created_from = created_from.isoformat()
    params["created_from"] = json_created_from

    json_created_to: str | Unset = UNSET
    if not isinstance(created_to, Unset):
        json_created_to = created_to.isoformat()
    params["created_to"] = json_created_to

    params["email"] = email

    params["external_id"] = external_id

    params["name"] = name

    params["page_number"] = page_number

    params["page_size"] = page_size

    params["search_text"] = search_text

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sort_order"] = json_sort_order

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_types: list[str] | Unset = UNSET
    if not isinstance(types, Unset):
        json_types = []
        for types_item_data in types:
            types_item = types_item_data.value
            json_types.append(types_item)

    params["types"] = json_types

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/customers",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomerSummaryPagedV1 | ErrorResponseV1 | None:
    if response.status_code == 200:
        response_200 = CustomerSummaryPagedV1.from_dict(parse_json(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_404

    if response.status_code == 422:
        response_422 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_422

    if response.status_code == 500:
        response_500 = ErrorResponseV1.from_dict(parse_json(response.content))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CustomerSummaryPagedV1 | ErrorResponseV1]:
    return Response(
        status_code=parse_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    created_from: datetime.datetime | Unset = UNSET,
    created_to: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 100,
    search_text: str | Unset = UNSET,
    sort_by: CustomerSortBy | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    status: list[CustomerStatus] | Unset = UNSET,
    types: list[CustomerType] | Unset = UNSET,
    correlation_id: str | Unset = UNSET,
    request_id: str | Unset = UNSET,
    straddle_account_id: str | Unset = UNSET,
) -> Response[CustomerSummaryPagedV1 | ErrorResponseV1]:
    """List customers

     Lists or searches customers connected to your account. All supported query parameters are optional.
    If none are provided, the response will include all customers connected to your account. This
    endpoint supports advanced sorting and filtering options.

    Args:
        created_from (datetime.datetime | Unset): Start date for filtering by created_at date.
        created_to (datetime.datetime | Unset): End date for filtering by created_at date.
        email (str | Unset): Filter customers by email address.
        external_id (str | Unset): Filter by your system's external_id.
        name (str | Unset): Filter customers by name (partial match).
        page_number (int | Unset): Page number for paginated results. Starts at 1. Default: 1.
        page_size (int | Unset): Number of results per page. Maximum: 1000. Default: 100.
        search_text (str | Unset): General search term to filter customers.
        sort_by (CustomerSortBy | Unset): The field to sort by.
        sort_order (SortOrder | Unset): The sort direction.
        status (list[CustomerStatus] | Unset): Filter customers by their current status.
        types (list[CustomerType] | Unset): Filter by customer type individual or business.
        correlation_id (str | Unset): Modelling: an id of your choosing, echoed back in the
            response headers.
        request_id (str | Unset): Modelling: an id of your choosing for this request, echoed back
            in the response headers.
        straddle_account_id (str | Unset): For platform keys: the account (a UUID) to act on.
            Modelling: a string with a UUID pattern rather than `format: uuid`, which the generator
            cannot send as a header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerSummaryPagedV1 | ErrorResponseV1]
    """

    kwargs = _get_kwargs(
        created_from=created_from,
        created_to=created_to,
        email=email,
        external_id=external_id,
        name=name,
        page_number=page_number,
        page_size=page_size,
        search_text=search_text,
        sort_by=sort_by,
        sort_order=sort_order,
        status=status,
        types=types,
        correlation_id=correlation_id,
        request_id=request_id,
        straddle_account_id=straddle_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    created_from: datetime.datetime | Unset = UNSET,
    created_to: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 100,
    search_text: str | Unset = UNSET,
    sort_by: CustomerSortBy | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    status: list[CustomerStatus] | Unset = UNSET,
    types: list[CustomerType] | Unset = UNSET,
    correlation_id: str | Unset = UNSET,
    request_id: str | Unset = UNSET,
    straddle_account_id: str | Unset = UNSET,
) -> CustomerSummaryPagedV1 | ErrorResponseV1 | None:
    """List customers

     Lists or searches customers connected to your account. All supported query parameters are optional.
    If none are provided, the response will include all customers connected to your account. This
    endpoint supports advanced sorting and filtering options.

    Args:
        created_from (datetime.datetime | Unset): Start date for filtering by created_at date.
        created_to (datetime.datetime | Unset): End date for filtering by created_at date.
        email (str | Unset): Filter customers by email address.
        external_id (str | Unset): Filter by your system's external_id.
        name (str | Unset): Filter customers by name (partial match).
        page_number (int | Unset): Page number for paginated results. Starts at 1. Default: 1.
        page_size (int | Unset): Number of results per page. Maximum: 1000. Default: 100.
        search_text (str | Unset): General search term to filter customers.
        sort_by (CustomerSortBy | Unset): The field to sort by.
        sort_order (SortOrder | Unset): The sort direction.
        status (list[CustomerStatus] | Unset): Filter customers by their current status.
        types (list[CustomerType] | Unset): Filter by customer type individual or business.
        correlation_id (str | Unset): Modelling: an id of your choosing, echoed back in the
            response headers.
        request_id (str | Unset): Modelling: an id of your choosing for this request, echoed back
            in the response headers.
        straddle_account_id (str | Unset): For platform keys: the account (a UUID) to act on.
            Modelling: a string with a UUID pattern rather than `format: uuid`, which the generator
            cannot send as a header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerSummaryPagedV1 | ErrorResponseV1
    """

    return sync_detailed(
        client=client,
        created_from=created_from,
        created_to=created_to,
        email=email,
        external_id=external_id,
        name=name,
        page_number=page_number,
        page_size=page_size,
        search_text=search_text,
        sort_by=sort_by,
        sort_order=sort_order,
        status=status,
        types=types,
        correlation_id=correlation_id,
        request_id=request_id,
        straddle_account_id=straddle_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    created_from: datetime.datetime | Unset = UNSET,
    created_to: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 100,
    search_text: str | Unset = UNSET,
    sort_by: CustomerSortBy | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    status: list[CustomerStatus] | Unset = UNSET,
    types: list[CustomerType] | Unset = UNSET,
    correlation_id: str | Unset = UNSET,
    request_id: str | Unset = UNSET,
    straddle_account_id: str | Unset = UNSET,
) -> Response[CustomerSummaryPagedV1 | ErrorResponseV1]:
    """List customers

     Lists or searches customers connected to your account. All supported query parameters are optional.
    If none are provided, the response will include all customers connected to your account. This
    endpoint supports advanced sorting and filtering options.

    Args:
        created_from (datetime.datetime | Unset): Start date for filtering by created_at date.
        created_to (datetime.datetime | Unset): End date for filtering by created_at date.
        email (str | Unset): Filter customers by email address.
        external_id (str | Unset): Filter by your system's external_id.
        name (str | Unset): Filter customers by name (partial match).
        page_number (int | Unset): Page number for paginated results. Starts at 1. Default: 1.
        page_size (int | Unset): Number of results per page. Maximum: 1000. Default: 100.
        search_text (str | Unset): General search term to filter customers.
        sort_by (CustomerSortBy | Unset): The field to sort by.
        sort_order (SortOrder | Unset): The sort direction.
        status (list[CustomerStatus] | Unset): Filter customers by their current status.
        types (list[CustomerType] | Unset): Filter by customer type individual or business.
        correlation_id (str | Unset): Modelling: an id of your choosing, echoed back in the
            response headers.
        request_id (str | Unset): Modelling: an id of your choosing for this request, echoed back
            in the response headers.
        straddle_account_id (str | Unset): For platform keys: the account (a UUID) to act on.
            Modelling: a string with a UUID pattern rather than `format: uuid`, which the generator
            cannot send as a header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerSummaryPagedV1 | ErrorResponseV1]
    """

    kwargs = _get_kwargs(
        created_from=created_from,
        created_to=created_to,
        email=email,
        external_id=external_id,
        name=name,
        page_number=page_number,
        page_size=page_size,
        search_text=search_text,
        sort_by=sort_by,
        sort_order=sort_order,
        status=status,
        types=types,
        correlation_id=correlation_id,
        request_id=request_id,
        straddle_account_id=straddle_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    created_from: datetime.datetime | Unset = UNSET,
    created_to: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 100,
    search_text: str | Unset = UNSET,
    sort_by: CustomerSortBy | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    status: list[CustomerStatus] | Unset = UNSET,
    types: list[CustomerType] | Unset = UNSET,
    correlation_id: str | Unset = UNSET,
    request_id: str | Unset = UNSET,
    straddle_account_id: str | Unset = UNSET,
) -> CustomerSummaryPagedV1 | ErrorResponseV1 | None:
    """List customers

     Lists or searches customers connected to your account. All supported query parameters are optional.
    If none are provided, the response will include all customers connected to your account. This
    endpoint supports advanced sorting and filtering options.

    Args:
        created_from (datetime.datetime | Unset): Start date for filtering by created_at date.
        created_to (datetime.datetime | Unset): End date for filtering by created_at date.
        email (str | Unset): Filter customers by email address.
        external_id (str | Unset): Filter by your system's external_id.
        name (str | Unset): Filter customers by name (partial match).
        page_number (int | Unset): Page number for paginated results. Starts at 1. Default: 1.
        page_size (int | Unset): Number of results per page. Maximum: 1000. Default: 100.
        search_text (str | Unset): General search term to filter customers.
        sort_by (CustomerSortBy | Unset): The field to sort by.
        sort_order (SortOrder | Unset): The sort direction.
        status (list[CustomerStatus] | Unset): Filter customers by their current status.
        types (list[CustomerType] | Unset): Filter by customer type individual or business.
        correlation_id (str | Unset): Modelling: an id of your choosing, echoed back in the
            response headers.
        request_id (str | Unset): Modelling: an id of your choosing for this request, echoed back
            in the response headers.
        straddle_account_id (str | Unset): For platform keys: the account (a UUID) to act on.
            Modelling: a string with a UUID pattern rather than `format: uuid`, which the generator
            cannot send as a header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerSummaryPagedV1 | ErrorResponseV1
    """

    return (
        await asyncio_detailed(
            client=client,
            created_from=created_from,
            created_to=created_to,
            email=email,
            external_id=external_id,
            name=name,
            page_number=page_number,
            page_size=page_size,
            search_text=search_text,
            sort_by=sort_by,
            sort_order=sort_order,
            status=status,
            types=types,
            correlation_id=correlation_id,
            request_id=request_id,
            straddle_account_id=straddle_account_id,
        )
    ).parsed
